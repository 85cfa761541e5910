//! The operation enums, until the derive's `per_operation` generates them.
//!
//! [`operations!`](crate::operations) writes, from a service's list of operations (the
//! model's, in its order), the enum `per_operation` will generate
//! (`DynamoDbOperation`), with `FromStr` and `name()`, so that the switch
//! is deleting one macro call. `tests` of each service module check the
//! list against the model.

/// An operation name the service's model does not have: the request's
/// `X-Amz-Target` or `Action` names no operation of the service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownOperation(pub String);

impl std::fmt::Display for UnknownOperation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no operation `{}`", self.0)
    }
}

impl std::error::Error for UnknownOperation {}

/// `operations! { /// docs
/// pub enum DynamoDbOperation { BatchGetItem, CreateTable, ... } }`: the
/// enum, `ALL`, `name()` and `FromStr` (the exact, case-sensitive name, as
/// AWS matches `X-Amz-Target` and `Action`).
#[macro_export]
macro_rules! operations {
    ($(#[$doc:meta])* pub enum $name:ident { $($operation:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $(
                #[doc = concat!("`", stringify!($operation), "`")]
                $operation,
            )*
        }

        impl $name {
            /// Every operation of the model, in its order.
            pub const ALL: &'static [$name] = &[$($name::$operation),*];

            /// The operation's name, as requests name it.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$operation => stringify!($operation),)*
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::operation::UnknownOperation;

            fn from_str(name: &str) -> Result<Self, Self::Err> {
                match name {
                    $(stringify!($operation) => Ok($name::$operation),)*
                    _ => Err($crate::operation::UnknownOperation(name.to_owned())),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

/// The operations of a Smithy model (`models/*.json`), by name: what the
/// operation enums must list.
#[cfg(test)]
pub(crate) fn model_operations(model: &str) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(model);
    let text = std::fs::read_to_string(&path).unwrap();
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    let shapes = model["shapes"].as_object().unwrap();
    let service = shapes
        .values()
        .find(|shape| shape["type"] == "service")
        .unwrap();
    service["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|target| {
            let id = target["target"].as_str().unwrap();
            id.rsplit_once('#').unwrap().1.to_owned()
        })
        .collect()
}
