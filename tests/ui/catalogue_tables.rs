use errtable::ErrorTable;

// Spec catalogue: tables that are cut short, ragged, hidden or missing.

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/header_only.md")]
pub struct HeaderOnlyMd;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/no_rows.md")]
pub struct NoRowsMd;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/truncated_row.md")]
pub struct TruncatedRowMd;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/pipe_in_code.md")]
pub struct PipeInCodeMd;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/duplicate_columns.md")]
pub struct DuplicateColumnsMd;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/tab_indented.md")]
pub struct TabIndentedMd;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/fenced.md")]
pub struct FencedMd;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/empty.md")]
pub struct EmptyMd;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/prose_only.md")]
pub struct ProseOnlyMd;

fn main() {}
