//! Python bindings of sanov. Filled by the Python-package issue.
