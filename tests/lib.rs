//! errtable's integration and UI tests live in `tests/`.
