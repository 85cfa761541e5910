//! The catalogue and the orders, in memory.

use crate::errors;
use crate::BookshopError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use utoipa::ToSchema;

/// Orders of more copies than this must be paid first (PaymentRequired).
pub const MAX_UNPAID_QUANTITY: u64 = 100;

/// A book of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Book {
    /// Its id, from 1.
    #[schema(minimum = 1)]
    pub id: u64,
    /// Its title.
    pub title: String,
    /// Its author.
    pub author: String,
    /// How many copies can be ordered.
    pub stock: u64,
}

/// An order, as `POST /orders` made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Order {
    /// Its id, from 1.
    #[schema(minimum = 1)]
    pub id: u64,
    /// The book ordered.
    #[schema(minimum = 1)]
    pub book_id: u64,
    /// How many copies.
    #[schema(minimum = 1)]
    pub quantity: u64,
}

/// The body of `POST /orders` (read by hand, to say exactly which field is
/// wrong; this type is its schema).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NewOrder {
    /// The book to order.
    #[schema(minimum = 1)]
    pub book_id: u64,
    /// How many copies, at least 1; more than 100 must be paid first
    /// (PaymentRequired).
    #[schema(minimum = 1)]
    pub quantity: u64,
}

/// Everything the service holds.
#[derive(Debug)]
pub struct Store {
    books: BTreeMap<u64, Book>,
    orders: BTreeMap<u64, Order>,
    last_order: u64,
}

impl Default for Store {
    /// The catalogue of three books, no orders.
    fn default() -> Self {
        let book = |id, title: &str, author: &str, stock| Book {
            id,
            title: title.to_owned(),
            author: author.to_owned(),
            stock,
        };
        let books = [
            book(1, "The Rust Programming Language", "Klabnik & Nichols", 7),
            book(2, "Structure and Interpretation", "Abelson & Sussman", 0),
            book(3, "A Pattern Language", "Alexander", 500),
        ];
        Store {
            books: books.into_iter().map(|book| (book.id, book)).collect(),
            orders: BTreeMap::new(),
            last_order: 0,
        }
    }
}

impl Store {
    /// The book `id`, or BookNotFound.
    pub fn book(&self, id: u64) -> Result<&Book, BookshopError> {
        self.books
            .get(&id)
            .ok_or_else(|| errors::book_not_found(id))
    }

    /// The order `id`, or OrderNotFound.
    pub fn order(&self, id: u64) -> Result<&Order, BookshopError> {
        self.orders
            .get(&id)
            .ok_or_else(|| errors::order_not_found(id))
    }

    /// Orders `quantity` (at least 1) copies of `book_id`: BookNotFound,
    /// PaymentRequired over [`MAX_UNPAID_QUANTITY`], OutOfStock, or the
    /// new order (the stock taken).
    pub fn place_order(&mut self, book_id: u64, quantity: u64) -> Result<Order, BookshopError> {
        let stock = self.book(book_id)?.stock;
        if quantity > MAX_UNPAID_QUANTITY {
            return Err(errors::payment_required(quantity));
        }
        if quantity > stock {
            return Err(errors::out_of_stock(book_id, quantity, stock));
        }
        let id = self
            .last_order
            .checked_add(1)
            .ok_or_else(|| errors::internal("order ids exhausted"))?;
        if let Some(book) = self.books.get_mut(&book_id) {
            book.stock -= quantity;
        }
        self.last_order = id;
        let order = Order {
            id,
            book_id,
            quantity,
        };
        self.orders.insert(id, order.clone());
        Ok(order)
    }
}

/// The store behind a lock, shared by the handlers.
#[derive(Debug, Default)]
pub struct Shared(Mutex<Store>);

impl Shared {
    /// The store, locked; never held across an `.await`. Every change is
    /// made after every check, so a poisoned lock is taken as it is.
    pub fn lock(&self) -> MutexGuard<'_, Store> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
