//! DynamoDB: AWS JSON 1.0, `X-Amz-Target: DynamoDB_20120810.<Operation>`;
//! tables and their items in memory.
//!
//! Emulated: CreateTable, DescribeTable, DeleteTable, ListTables, PutItem
//! (with `ConditionExpression` of `attribute_exists(path)` or
//! `attribute_not_exists(path)`) and GetItem. Tables are ACTIVE as soon as
//! they are created, and gone as soon as they are deleted. Every other
//! operation of the model is answered with InvalidAction.
//!
//! Every response carries `x-amz-crc32`, the CRC32 of its body, as
//! DynamoDB's do (botocore checks it and retries on a mismatch).

use crate::json::{self, Input, JsonTable, Output};
use crate::server::Outcome;
use axum::body::Body;
use axum::http::HeaderValue;
use axum::response::Response;
use errtable::ErrorTable;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// DynamoDB's table: its model's error shapes (34) and the common errors
/// of the JSON services: `DynamoDbException`, `DynamoDbError`, in AWS JSON
/// 1.0 (the model's protocol). `per_operation` adds [`dynamo_db`], a table
/// per operation (`dynamo_db::GetItemError`: the model's errors for it and
/// the common ones), and [`DynamoDbOperation`], the model's operations.
#[derive(ErrorTable)]
#[error_table(
    spec = "models/dynamodb-2012-08-10.json",
    common = "common/json.md",
    per_operation
)]
pub struct DynamoDb;

impl JsonTable for DynamoDbException {
    type Error = DynamoDbError;

    fn validation() -> Self {
        DynamoDbException::ValidationException
    }

    fn serialization() -> Self {
        DynamoDbException::SerializationException
    }
}

/// An input read for DynamoDB.
pub type DynamoDbInput = Input<DynamoDbException>;

/// A ValidationException with `message`.
fn validation(message: impl Into<String>) -> DynamoDbError {
    DynamoDbError::new(DynamoDbException::ValidationException, message)
}

/// What `X-Amz-Target` starts with: the service's `targetPrefix` and a dot.
pub const TARGET_PREFIX: &str = "DynamoDB_20120810.";

/// Whether `operation` may send `code`: a row of its table in
/// [`dynamo_db`] (the model's errors for it and the common ones).
pub fn may_return(operation: DynamoDbOperation, code: &str) -> bool {
    operation.codes().contains(&code)
}

/// Serves one request for the operation `name` (what follows
/// [`TARGET_PREFIX`]) whose body is `body`: the one place that turns an
/// operation name into a handler.
pub async fn dispatch(tables: &Tables, name: &str, body: Body) -> Response {
    let Ok(operation) = name.parse::<DynamoDbOperation>() else {
        return respond(name, Err(unknown_operation(name)));
    };
    let result = match read_input(body).await {
        Ok(input) => call(tables, operation, &input),
        Err(error) => Err(error),
    };
    if let Err(error) = &result {
        // The model and the common table say what an operation can send;
        // the emulator sends nothing else.
        debug_assert!(
            may_return(operation, error.code()),
            "{operation} may not send {}",
            error.code()
        );
    }
    respond(name, result)
}

async fn read_input(body: Body) -> Result<DynamoDbInput, DynamoDbError> {
    match axum::body::to_bytes(body, crate::MAX_BODY).await {
        Ok(bytes) => Input::parse(&bytes),
        Err(_) => Err(validation(format!(
            "The request body could not be read whole: it is over {} bytes, or the connection \
             failed",
            crate::MAX_BODY
        ))),
    }
}

fn call(
    tables: &Tables,
    operation: DynamoDbOperation,
    input: &DynamoDbInput,
) -> Result<Output, DynamoDbError> {
    use DynamoDbOperation as Op;
    // Each handler returns its operation's error; the response is written
    // from the service's table, which has every row.
    match operation {
        Op::CreateTable => tables.create_table(input).map_err(DynamoDbError::from),
        Op::DescribeTable => tables.describe_table(input).map_err(DynamoDbError::from),
        Op::DeleteTable => tables.delete_table(input).map_err(DynamoDbError::from),
        Op::ListTables => tables.list_tables(input).map_err(DynamoDbError::from),
        Op::PutItem => tables.put_item(input).map_err(DynamoDbError::from),
        Op::GetItem => tables.get_item(input).map_err(DynamoDbError::from),
        other => Err(DynamoDbError::new(
            DynamoDbException::InvalidAction,
            format!("This emulator does not implement DynamoDB's {other}"),
        )),
    }
}

/// InvalidAction for an `X-Amz-Target` that names no DynamoDB operation.
fn unknown_operation(name: &str) -> DynamoDbError {
    DynamoDbError::new(
        DynamoDbException::InvalidAction,
        format!("{TARGET_PREFIX}{name} is not an operation of DynamoDB"),
    )
}

/// The response, with `x-amz-crc32` and the [`Outcome`] for the log.
fn respond(name: &str, result: Result<Output, DynamoDbError>) -> Response {
    let code = result.as_ref().err().map(|error| error.code().to_owned());
    let mut response = match result {
        Ok(output) => output.into_response_with_crc32(),
        Err(error) => {
            // The runtime's response, whose body is final (AWS JSON bodies
            // do not hold the request id), so its CRC can be taken here.
            let response = error.to_http_response();
            let crc = crc32fast::hash(response.body());
            let mut response = response.map(Body::from);
            response
                .headers_mut()
                .insert(X_AMZ_CRC32, HeaderValue::from(crc));
            response
        }
    };
    response.extensions_mut().insert(Outcome {
        operation: format!("{TARGET_PREFIX}{name}"),
        code,
    });
    response
}

/// The header DynamoDB puts the CRC32 of each response body in.
pub const X_AMZ_CRC32: &str = "x-amz-crc32";

impl Output {
    /// The response, with the CRC32 of its body in `x-amz-crc32`.
    fn into_response_with_crc32(self) -> Response {
        let bytes = self.to_bytes();
        let crc = crc32fast::hash(&bytes);
        let mut response = json::response(bytes);
        response
            .headers_mut()
            .insert(X_AMZ_CRC32, HeaderValue::from(crc));
        response
    }
}

// The store ---------------------------------------------------------------

/// DynamoDB's tables, in memory.
#[derive(Debug, Default)]
pub struct Tables(Mutex<BTreeMap<String, Table>>);

/// A table: what CreateTable said, and its items by key.
#[derive(Debug)]
struct Table {
    name: String,
    /// The key's attributes: the hash key, then the range key if any, each
    /// with its type (`S`, `N` or `B`).
    key: Vec<(String, String)>,
    key_schema: Value,
    attribute_definitions: Value,
    on_demand: bool,
    provisioned: Value,
    created: f64,
    id: String,
    /// Items by the JSON text of their key's values.
    items: BTreeMap<String, Map<String, Value>>,
}

impl Table {
    fn arn(&self) -> String {
        format!(
            "arn:aws:dynamodb:{}:{}:table/{}",
            crate::REGION,
            crate::ACCOUNT,
            self.name
        )
    }

    /// DescribeTable's `Table`, CreateTable's and DeleteTable's
    /// `TableDescription`.
    fn description(&self, status: &str) -> Value {
        let size: usize = self
            .items
            .values()
            .map(|item| serde_json::to_string(item).map_or(0, |text| text.len()))
            .sum();
        let mut description = json!({
            "AttributeDefinitions": self.attribute_definitions,
            "TableName": self.name,
            "KeySchema": self.key_schema,
            "TableStatus": status,
            "CreationDateTime": self.created,
            "ProvisionedThroughput": self.provisioned,
            "TableSizeBytes": size,
            "ItemCount": self.items.len(),
            "TableArn": self.arn(),
            "TableId": self.id,
            "DeletionProtectionEnabled": false,
        });
        if self.on_demand {
            description["BillingModeSummary"] = json!({"BillingMode": "PAY_PER_REQUEST"});
        }
        description
    }

    /// The store's key of `item` (a PutItem's item or a GetItem's key):
    /// its key attributes' values, each of the declared type.
    fn key_of(&self, item: &Map<String, Value>) -> Result<String, DynamoDbError> {
        let mut values = Vec::with_capacity(self.key.len());
        for (name, declared) in &self.key {
            let Some(value) = item.get(name) else {
                return Err(validation(format!(
                    "One or more parameter values were invalid: Missing the key {name} in the item"
                )));
            };
            let actual = value
                .as_object()
                .and_then(|typed| (typed.len() == 1).then(|| typed.keys().next()).flatten());
            if actual != Some(declared) {
                return Err(validation(format!(
                    "One or more parameter values were invalid: Type mismatch for key {name} \
                     expected: {declared} actual: {}",
                    actual.map_or("none", String::as_str)
                )));
            }
            values.push(value.clone());
        }
        Ok(Value::Array(values).to_string())
    }
}

/// ResourceNotFoundException, as DescribeTable and DeleteTable word it.
fn table_not_found(name: &str) -> DynamoDbError {
    DynamoDbError::new(
        DynamoDbException::ResourceNotFoundException,
        format!("Requested resource not found: Table: {name} not found"),
    )
}

/// ResourceNotFoundException, as the item operations word it.
fn resource_not_found() -> DynamoDbError {
    DynamoDbError::new(
        DynamoDbException::ResourceNotFoundException,
        "Requested resource not found",
    )
}

/// A table name as DynamoDB allows them: 3 to 255 of `[a-zA-Z0-9_.-]`.
fn check_table_name(name: &str) -> Result<(), DynamoDbError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    if !(3..=255).contains(&name.len()) {
        return Err(validation(format!(
            "1 validation error detected: Value '{name}' at 'tableName' failed to satisfy \
             constraint: Member must have length between 3 and 255"
        )));
    }
    if !name.chars().all(allowed) {
        return Err(validation(format!(
            "1 validation error detected: Value '{name}' at 'tableName' failed to satisfy \
             constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
        )));
    }
    Ok(())
}

impl Tables {
    /// The tables, locked; never held across an `.await`. Every change is
    /// one map operation, so a panic cannot have left them half-changed,
    /// and a poisoned lock is taken as it is.
    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, Table>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// CreateTable: ResourceInUseException if the table exists.
    pub fn create_table(
        &self,
        input: &DynamoDbInput,
    ) -> Result<Output, dynamo_db::CreateTableError> {
        let name = input.string("TableName")?;
        check_table_name(name)?;
        let key_schema = input.list("KeySchema")?;
        let definitions = input.list("AttributeDefinitions")?;
        let key = key_attributes(key_schema, definitions)?;
        let on_demand = input.optional_string("BillingMode")? == Some("PAY_PER_REQUEST");
        let (read, write) = match input.optional_object("ProvisionedThroughput")? {
            Some(throughput) => (
                throughput
                    .get("ReadCapacityUnits")
                    .cloned()
                    .unwrap_or(json!(0)),
                throughput
                    .get("WriteCapacityUnits")
                    .cloned()
                    .unwrap_or(json!(0)),
            ),
            None => (json!(0), json!(0)),
        };
        let mut tables = self.lock();
        if tables.contains_key(name) {
            return Err(dynamo_db::CreateTableError::new(
                dynamo_db::CreateTableException::ResourceInUseException,
                format!("Table already exists: {name}"),
            ));
        }
        let table = Table {
            name: name.to_owned(),
            key,
            key_schema: Value::Array(key_schema.to_vec()),
            attribute_definitions: Value::Array(definitions.to_vec()),
            on_demand,
            provisioned: json!({
                "NumberOfDecreasesToday": 0,
                "ReadCapacityUnits": read,
                "WriteCapacityUnits": write,
            }),
            created: crate::ids::now_epoch_seconds(),
            id: crate::ids::uuid(),
            items: BTreeMap::new(),
        };
        let description = table.description("ACTIVE");
        tables.insert(name.to_owned(), table);
        Ok(Output(json!({ "TableDescription": description })))
    }

    /// DescribeTable: ResourceNotFoundException if there is no such table.
    pub fn describe_table(
        &self,
        input: &DynamoDbInput,
    ) -> Result<Output, dynamo_db::DescribeTableError> {
        let name = input.string("TableName")?;
        let tables = self.lock();
        let table = tables.get(name).ok_or_else(|| table_not_found(name))?;
        Ok(Output(json!({ "Table": table.description("ACTIVE") })))
    }

    /// DeleteTable: ResourceNotFoundException if there is no such table.
    pub fn delete_table(
        &self,
        input: &DynamoDbInput,
    ) -> Result<Output, dynamo_db::DeleteTableError> {
        let name = input.string("TableName")?;
        let table = self
            .lock()
            .remove(name)
            .ok_or_else(|| table_not_found(name))?;
        Ok(Output(
            json!({ "TableDescription": table.description("DELETING") }),
        ))
    }

    /// ListTables: every table, in name order (no paging).
    pub fn list_tables(
        &self,
        _input: &DynamoDbInput,
    ) -> Result<Output, dynamo_db::ListTablesError> {
        let names: Vec<String> = self.lock().keys().cloned().collect();
        Ok(Output(json!({ "TableNames": names })))
    }

    /// PutItem: ResourceNotFoundException without the table,
    /// ConditionalCheckFailedException when `ConditionExpression` is false
    /// of the item already there.
    pub fn put_item(&self, input: &DynamoDbInput) -> Result<Output, dynamo_db::PutItemError> {
        let name = input.string("TableName")?;
        let item = input.object("Item")?;
        let condition = match input.optional_string("ConditionExpression")? {
            Some(expression) => Some(Condition::parse(
                expression,
                input.optional_object("ExpressionAttributeNames")?,
            )?),
            None => None,
        };
        let return_old = match input.optional_string("ReturnValues")? {
            None | Some("NONE") => false,
            Some("ALL_OLD") => true,
            Some(other) => {
                return Err(validation(format!(
                    "Return values set to invalid value: {other}; PutItem takes NONE or ALL_OLD"
                ))
                .into())
            }
        };
        let mut tables = self.lock();
        let table = tables.get_mut(name).ok_or_else(resource_not_found)?;
        let key = table.key_of(item)?;
        let old = table.items.get(&key);
        if let Some(condition) = condition {
            if !condition.holds(old) {
                return Err(dynamo_db::PutItemError::new(
                    dynamo_db::PutItemException::ConditionalCheckFailedException,
                    "The conditional request failed",
                ));
            }
        }
        let old = table.items.insert(key, item.clone());
        match old {
            Some(old) if return_old => Ok(Output(json!({ "Attributes": old }))),
            _ => Ok(Output::empty()),
        }
    }

    /// GetItem: the item, or no `Item` when there is none;
    /// ResourceNotFoundException without the table.
    pub fn get_item(&self, input: &DynamoDbInput) -> Result<Output, dynamo_db::GetItemError> {
        let name = input.string("TableName")?;
        let key = input.object("Key")?;
        let tables = self.lock();
        let table = tables.get(name).ok_or_else(resource_not_found)?;
        if key.len() != table.key.len() {
            return Err(validation("The provided key element does not match the schema").into());
        }
        let key = table
            .key_of(key)
            .map_err(|_| validation("The provided key element does not match the schema"))?;
        match table.items.get(&key) {
            Some(item) => Ok(Output(json!({ "Item": item }))),
            None => Ok(Output::empty()),
        }
    }
}

/// The key's attributes and their types: the HASH key, then the RANGE key,
/// each declared in `AttributeDefinitions`.
fn key_attributes(
    key_schema: &[Value],
    definitions: &[Value],
) -> Result<Vec<(String, String)>, DynamoDbError> {
    let field = |element: &Value, name: &str| {
        element
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| json::missing::<DynamoDbException>(name))
    };
    let mut key = Vec::new();
    for (index, element) in key_schema.iter().enumerate() {
        let name = field(element, "AttributeName")?;
        let kind = field(element, "KeyType")?;
        let expected = if index == 0 { "HASH" } else { "RANGE" };
        if kind != expected || index > 1 {
            return Err(validation(if index == 0 {
                "Invalid KeySchema: The first KeySchemaElement is not a HASH key type".to_owned()
            } else {
                "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type, or there \
                 are more than two"
                    .to_owned()
            }));
        }
        key.push(name);
    }
    if key.is_empty() {
        return Err(validation(
            "1 validation error detected: Value '[]' at 'keySchema' failed to satisfy constraint: \
             Member must have length greater than or equal to 1",
        ));
    }
    let mut typed = Vec::with_capacity(key.len());
    for name in key {
        let declared = definitions.iter().find_map(|definition| {
            (definition.get("AttributeName").and_then(Value::as_str) == Some(&name))
                .then(|| definition.get("AttributeType").and_then(Value::as_str))
                .flatten()
        });
        match declared {
            Some(kind @ ("S" | "N" | "B")) => typed.push((name, kind.to_owned())),
            _ => {
                return Err(validation(format!(
                    "One or more parameter values were invalid: Some index key attributes are not \
                     defined in AttributeDefinitions. Keys: [{name}]"
                )))
            }
        }
    }
    Ok(typed)
}

/// A `ConditionExpression` the emulator evaluates: whether one top-level
/// attribute exists.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Condition {
    /// `attribute_exists(path)`.
    Exists(String),
    /// `attribute_not_exists(path)`.
    NotExists(String),
}

impl Condition {
    /// The condition of `expression`, its `#names` resolved through
    /// `ExpressionAttributeNames`. Anything else is a ValidationException
    /// that says what the emulator evaluates.
    fn parse(
        expression: &str,
        names: Option<&Map<String, Value>>,
    ) -> Result<Condition, DynamoDbError> {
        let unsupported = || {
            validation(format!(
                "Invalid ConditionExpression: this emulator evaluates only \
                 attribute_exists(path) and attribute_not_exists(path) of a top-level \
                 attribute, not {expression:?}"
            ))
        };
        let expression = expression.trim();
        let (exists, rest) = if let Some(rest) = expression.strip_prefix("attribute_not_exists") {
            (false, rest)
        } else if let Some(rest) = expression.strip_prefix("attribute_exists") {
            (true, rest)
        } else {
            return Err(unsupported());
        };
        let path = rest
            .trim()
            .strip_prefix('(')
            .and_then(|rest| rest.strip_suffix(')'))
            .map(str::trim)
            .ok_or_else(unsupported)?;
        let name = match path.strip_prefix('#') {
            Some(_) => names
                .and_then(|names| names.get(path))
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    validation(format!(
                        "Invalid ConditionExpression: An expression attribute name used in the \
                         document path is not defined; attribute name: {path}"
                    ))
                })?,
            None => path,
        };
        let plain = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !plain {
            return Err(unsupported());
        }
        Ok(if exists {
            Condition::Exists(name.to_owned())
        } else {
            Condition::NotExists(name.to_owned())
        })
    }

    /// Whether it holds of the item there (`None`: no item).
    fn holds(&self, item: Option<&Map<String, Value>>) -> bool {
        let has = |name: &str| item.is_some_and(|item| item.contains_key(name));
        match self {
            Condition::Exists(name) => has(name),
            Condition::NotExists(name) => !has(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use errtable::{ErrorType, Exception};

    fn input(value: Value) -> DynamoDbInput {
        Input::from_value(value)
    }

    fn create(tables: &Tables, name: &str) -> Result<Output, dynamo_db::CreateTableError> {
        tables.create_table(&input(json!({
            "TableName": name,
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "BillingMode": "PAY_PER_REQUEST",
        })))
    }

    #[test]
    fn the_operations_are_the_models() {
        let names: Vec<&str> = DynamoDbOperation::ALL.iter().map(|o| o.name()).collect();
        assert_eq!(
            names,
            crate::model_operations("models/dynamodb-2012-08-10.json")
        );
        assert_eq!("GetItem".parse(), Ok(DynamoDbOperation::GetItem));
        assert!("getitem".parse::<DynamoDbOperation>().is_err());
    }

    /// The derive read the operations of the trimmed model: GetItem's
    /// table is the model's five errors for it and the common ones, and
    /// `codes()` lists them.
    #[test]
    fn an_operations_table_is_its_model_errors_and_the_common_ones() {
        use dynamo_db::GetItemException;
        let mut codes: Vec<&str> = GetItemException::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(codes, DynamoDbOperation::GetItem.codes());
        codes.sort_unstable();
        let mut expected = vec![
            "InternalServerError",
            "InvalidEndpointException",
            "ProvisionedThroughputExceededException",
            "RequestLimitExceeded",
            "ResourceNotFoundException",
        ];
        expected.extend(crate::common::CommonException::ALL.iter().map(|e| e.code()));
        expected.sort_unstable();
        assert_eq!(codes, expected);
        assert!(!may_return(
            DynamoDbOperation::GetItem,
            "ResourceInUseException"
        ));
        assert!(may_return(
            DynamoDbOperation::CreateTable,
            "ResourceInUseException"
        ));
        assert!(may_return(
            DynamoDbOperation::PutItem,
            "ConditionalCheckFailedException"
        ));
        // An operation the emulator does not serve has its table too; it
        // sends the common InvalidAction.
        assert!(may_return(
            DynamoDbOperation::Scan,
            "ResourceNotFoundException"
        ));
        assert!(!may_return(
            DynamoDbOperation::Scan,
            "ConditionalCheckFailedException"
        ));
        assert!(may_return(DynamoDbOperation::Scan, "InvalidAction"));
    }

    #[test]
    fn the_table_has_the_models_rows_and_the_common_ones() {
        let resource = DynamoDbException::ResourceNotFoundException;
        assert_eq!(
            (resource.status(), resource.error_type()),
            (400, ErrorType::Client)
        );
        assert_eq!(DynamoDbException::InternalServerError.status(), 500);
        assert_eq!(DynamoDbException::InvalidEndpointException.status(), 421);
        assert_eq!(DynamoDbException::ServiceUnavailable.status(), 503);
        // DynamoDB is not query-compatible: no `x-amzn-query-error`.
        assert!(DynamoDbException::ALL
            .iter()
            .all(|e| e.query_code().is_none()));
    }

    #[test]
    fn tables() {
        let tables = Tables::default();
        let created = create(&tables, "users").unwrap();
        assert_eq!(created.0["TableDescription"]["TableStatus"], "ACTIVE");
        assert_eq!(
            created.0["TableDescription"]["TableArn"],
            "arn:aws:dynamodb:us-east-1:000000000000:table/users"
        );

        let again = create(&tables, "users").unwrap_err();
        assert_eq!(
            again.exception(),
            &dynamo_db::CreateTableException::ResourceInUseException
        );
        assert_eq!(again.message(), "Table already exists: users");

        let described = tables
            .describe_table(&input(json!({"TableName": "users"})))
            .unwrap();
        assert_eq!(described.0["Table"]["ItemCount"], 0);
        let listed = tables.list_tables(&input(json!({}))).unwrap();
        assert_eq!(listed.0, json!({"TableNames": ["users"]}));

        let deleted = tables
            .delete_table(&input(json!({"TableName": "users"})))
            .unwrap();
        assert_eq!(deleted.0["TableDescription"]["TableStatus"], "DELETING");
        let request = input(json!({"TableName": "users"}));
        let missing: [DynamoDbError; 2] = [
            tables.describe_table(&request).unwrap_err().into(),
            tables.delete_table(&request).unwrap_err().into(),
        ];
        for missing in missing {
            assert_eq!(
                missing.exception(),
                &DynamoDbException::ResourceNotFoundException
            );
            assert_eq!(
                missing.message(),
                "Requested resource not found: Table: users not found"
            );
        }
    }

    #[test]
    fn bad_tables() {
        let tables = Tables::default();
        for (request, message) in [
            (
                json!({"KeySchema": [], "AttributeDefinitions": []}),
                "'tableName'",
            ),
            (
                json!({"TableName": "t!x", "KeySchema": [], "AttributeDefinitions": []}),
                "pattern",
            ),
            (
                json!({"TableName": "ab", "KeySchema": [], "AttributeDefinitions": []}),
                "length",
            ),
            (
                json!({"TableName": "abc", "AttributeDefinitions": []}),
                "'keySchema'",
            ),
            (
                json!({"TableName": "abc", "KeySchema": [], "AttributeDefinitions": []}),
                "'[]'",
            ),
            (
                json!({"TableName": "abc", "KeySchema": [{"AttributeName": "k", "KeyType": "RANGE"}],
                       "AttributeDefinitions": []}),
                "not a HASH",
            ),
            (
                json!({"TableName": "abc", "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
                       "AttributeDefinitions": []}),
                "Keys: [k]",
            ),
        ] {
            let error = tables.create_table(&input(request)).unwrap_err();
            assert_eq!(error.code(), "ValidationException");
            assert!(error.message().contains(message), "{}", error.message());
        }
    }

    #[test]
    fn items_and_conditions() {
        let tables = Tables::default();
        create(&tables, "users").unwrap();
        let put = |item: Value, condition: Option<&str>| {
            let mut request = json!({"TableName": "users", "Item": item});
            if let Some(condition) = condition {
                request["ConditionExpression"] = json!(condition);
                request["ExpressionAttributeNames"] = json!({"#k": "pk"});
            }
            tables.put_item(&input(request))
        };
        let ada = json!({"pk": {"S": "ada"}, "born": {"N": "1815"}});
        put(ada.clone(), Some("attribute_not_exists(pk)")).unwrap();
        for condition in ["attribute_not_exists(pk)", " attribute_not_exists ( #k ) "] {
            let error = put(ada.clone(), Some(condition)).unwrap_err();
            assert_eq!(
                error.exception(),
                &dynamo_db::PutItemException::ConditionalCheckFailedException
            );
            assert_eq!(error.message(), "The conditional request failed");
        }
        put(ada.clone(), Some("attribute_exists(born)")).unwrap();
        put(
            json!({"pk": {"S": "bob"}}),
            Some("attribute_not_exists(#k)"),
        )
        .unwrap();

        let got = tables
            .get_item(&input(
                json!({"TableName": "users", "Key": {"pk": {"S": "ada"}}}),
            ))
            .unwrap();
        assert_eq!(got.0, json!({"Item": ada}));
        let none = tables
            .get_item(&input(
                json!({"TableName": "users", "Key": {"pk": {"S": "eve"}}}),
            ))
            .unwrap();
        assert_eq!(none, Output::empty());

        for (item, message) in [
            (
                json!({"name": {"S": "x"}}),
                "Missing the key pk in the item",
            ),
            (
                json!({"pk": {"N": "1"}}),
                "Type mismatch for key pk expected: S actual: N",
            ),
        ] {
            let error = put(item, None).unwrap_err();
            assert_eq!(error.code(), "ValidationException");
            assert!(error.message().contains(message), "{}", error.message());
        }
        for condition in [
            "pk = :v",
            "attribute_exists(a.b)",
            "attribute_exists(#nope)",
        ] {
            let error = put(ada.clone(), Some(condition)).unwrap_err();
            assert_eq!(error.code(), "ValidationException", "{condition}");
        }

        let missing = tables
            .get_item(&input(
                json!({"TableName": "nope", "Key": {"pk": {"S": "a"}}}),
            ))
            .unwrap_err();
        // A service error, through `?`: GetItem's own row.
        assert_eq!(
            missing.exception(),
            &dynamo_db::GetItemException::ResourceNotFoundException
        );
        assert_eq!(missing.message(), "Requested resource not found");
        let bad_key = tables
            .get_item(&input(
                json!({"TableName": "users", "Key": {"id": {"S": "a"}}}),
            ))
            .unwrap_err();
        assert_eq!(
            bad_key.message(),
            "The provided key element does not match the schema"
        );
    }
}
