use errtable::ErrorTable;

// An error in the generated code, here an impl the derive writes as well,
// points at the attribute that asked for the code.
#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md")]
pub struct Shop;

impl std::fmt::Display for ShopException {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("shop")
    }
}

fn main() {}
