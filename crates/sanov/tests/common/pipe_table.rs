//! The `|`-separated reference tables of the family and geometry tests
//! (`tests/data/families*.txt` and `tests/data/geometry_*.txt`, written by
//! `scripts/reference/generate_families*.py` and `scripts/reference/generate_geometry.py`).
//!
//! Each line other than blank lines and `#` comments reads `words | p | q | values`: the first
//! field holds the kind of row and the family name(s), separated by whitespace; the other three
//! hold floats, `,` between floats and `;` between groups (an empty field has no groups).

/// One line of a `|`-separated table.
#[derive(Debug, Clone)]
pub struct PipeRow {
    /// The words of the first field: the kind of row (`entropy`, `kl`, `fisher`, ...), then the
    /// family name(s) and any qualifier.
    pub words: Vec<String>,
    /// The parameters of the first distribution, by group.
    pub p: Vec<Vec<f64>>,
    /// The parameters of the second distribution, by group (empty for one-distribution rows).
    pub q: Vec<Vec<f64>>,
    /// The reference value(s), all groups concatenated.
    pub values: Vec<f64>,
}

impl PipeRow {
    /// The kind of row: the first word.
    pub fn kind(&self) -> &str {
        self.word(0)
    }

    /// The family: the second word.
    pub fn family(&self) -> &str {
        self.word(1)
    }

    /// The `i`-th word of the first field, or `""` where the line has fewer words (for
    /// example the second family of a same-family pair).
    pub fn word(&self, i: usize) -> &str {
        self.words.get(i).map_or("", String::as_str)
    }

    /// The single reference value of the row.
    #[track_caller]
    pub fn value(&self) -> f64 {
        assert_eq!(self.values.len(), 1, "{}: one value", self.label());
        self.values[0]
    }

    /// The row for failure messages: its words and both parameter lists.
    pub fn label(&self) -> String {
        format!("{} {:?} {:?}", self.words.join(" "), self.p, self.q)
    }
}

/// Floats separated by `,` in groups separated by `;` (no groups for an empty field).
pub fn float_groups(s: &str) -> Vec<Vec<f64>> {
    let s = s.trim();
    if s.is_empty() {
        return Vec::new();
    }
    s.split(';')
        .map(|g| {
            g.split(',')
                .map(|v| v.trim().parse().expect("a float"))
                .collect()
        })
        .collect()
}

/// The rows of the table `text`; every row names at least a kind and a family.
pub fn pipe_rows(text: &str) -> Vec<PipeRow> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('|').collect();
            assert_eq!(f.len(), 4, "four fields: {l}");
            let words: Vec<String> = f[0].split_whitespace().map(str::to_string).collect();
            assert!(words.len() >= 2, "a kind and a family: {l}");
            PipeRow {
                words,
                p: float_groups(f[1]),
                q: float_groups(f[2]),
                values: float_groups(f[3]).concat(),
            }
        })
        .collect()
}
