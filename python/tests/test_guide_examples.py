"""The examples of the user guide (docs/guide/*.md) run and print what the pages say.

Each page's ```pycon block is a doctest; the fence lines are blanked so that the closing fence
is not read as expected output. A page whose imports are missing (torch, pandas, scikit-learn)
is skipped, unless SANOV_REQUIRE_TORCH=1 asks for the torch page to run.
"""

from __future__ import annotations

import doctest
import os
import pathlib

import pytest

GUIDE = pathlib.Path(__file__).resolve().parents[2] / "docs" / "guide"
PAGES = sorted(p for p in GUIDE.glob("*.md") if ">>>" in p.read_text(encoding="utf-8"))
NEEDS = {"torch.md": ["torch"], "frames.md": ["pandas", "sklearn"]}
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.IGNORE_EXCEPTION_DETAIL


def test_every_guide_page_has_an_example() -> None:
    pages = {p.name for p in GUIDE.glob("*.md")} - {"index.md"}
    assert pages == {p.name for p in PAGES}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_guide_example(page: pathlib.Path) -> None:
    for module in NEEDS.get(page.name, []):
        if module == "torch" and os.environ.get("SANOV_REQUIRE_TORCH") == "1":
            continue
        pytest.importorskip(module)
    lines = page.read_text(encoding="utf-8").splitlines()
    text = "\n".join("" if line.startswith("```") else line for line in lines)
    test = doctest.DocTestParser().get_doctest(text, {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    failures: list[str] = []
    runner.run(test, out=failures.append)
    result = runner.summarize(verbose=False)
    assert result.attempted > 0
    assert result.failed == 0, "".join(failures)
