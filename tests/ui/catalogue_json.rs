use errtable::ErrorTable;

// Spec catalogue: JSON specs that are malformed or hold wrong values.

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/trailing_comma.json")]
pub struct TrailingCommaJson;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/comment.json")]
pub struct CommentJson;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/lone_surrogate.json")]
pub struct LoneSurrogateJson;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/deep.json")]
pub struct DeepJson;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/empty_errors.json")]
pub struct EmptyErrorsJson;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/statuses.json")]
pub struct StatusesJson;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/duplicate_keys.json")]
pub struct DuplicateKeysJson;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/truncated.json")]
pub struct TruncatedJson;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/top_array.json")]
pub struct TopArrayJson;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/control_chars.json")]
pub struct ControlCharsJson;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/raw_tab.json")]
pub struct RawTabJson;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/wrong_types.json")]
pub struct WrongTypesJson;

fn main() {}
