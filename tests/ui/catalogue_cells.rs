use errtable::ErrorTable;

// Spec catalogue: cells that cannot make a row, with exact positions (also in CRLF and BOM files).

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/self_clash.md")]
pub struct SelfClashMd;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/case_clash.md")]
pub struct CaseClashMd;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/bad_codes.md")]
pub struct BadCodesMd;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/bad_statuses.md")]
pub struct BadStatusesMd;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/bad_types_retry.md")]
pub struct BadTypesRetryMd;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/crlf_errors.md")]
pub struct CrlfErrorsMd;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/bom_errors.md")]
pub struct BomErrorsMd;

fn main() {}
