//! SQL built at run time (filters, optional columns) with numbered `$n` placeholders,
//! which both SQLite and PostgreSQL read through the `Any` driver. Each use of a value
//! gets its own placeholder: SQLite does not reuse `$n`.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, FromRow};

/// A value bound to a built query.
#[derive(Debug, Clone)]
pub(super) enum Param {
    Int(Option<i64>),
    Text(Option<String>),
}

impl From<i64> for Param {
    fn from(value: i64) -> Self {
        Self::Int(Some(value))
    }
}

impl From<Option<i64>> for Param {
    fn from(value: Option<i64>) -> Self {
        Self::Int(value)
    }
}

impl From<&str> for Param {
    fn from(value: &str) -> Self {
        Self::Text(Some(value.to_owned()))
    }
}

impl From<String> for Param {
    fn from(value: String) -> Self {
        Self::Text(Some(value))
    }
}

/// A query being written, with its values.
#[derive(Debug, Default)]
pub(super) struct Sql {
    text: String,
    params: Vec<Param>,
    /// Sent as an unnamed statement, planned each time with the values bound.
    plan_each_run: bool,
}

impl Sql {
    pub fn new(text: impl Into<String>) -> Self {
        Self { text: text.into(), params: Vec::new(), plan_each_run: false }
    }

    /// Plans the query each time it runs, with its values, instead of reusing a cached
    /// statement. PostgreSQL's generic plan for a cached statement cannot see how few
    /// rows a `LIKE` pattern matches, and may then scan a whole table for a search.
    pub fn plan_each_run(&mut self) -> &mut Self {
        self.plan_each_run = true;
        self
    }

    /// Appends SQL text.
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder for `value`.
    pub fn bind(&mut self, value: impl Into<Param>) -> &mut Self {
        self.params.push(value.into());
        self.text.push_str(&format!("${}", self.params.len()));
        self
    }

    /// Appends placeholders for `values`, comma-separated.
    pub fn bind_list<T: Into<Param> + Copy>(&mut self, values: &[T]) -> &mut Self {
        for (index, value) in values.iter().enumerate() {
            if index > 0 {
                self.push(", ");
            }
            self.bind(*value);
        }
        self
    }

    /// Runs the query and reads every row.
    pub async fn fetch_all<T>(&self, conn: &mut AnyConnection) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
    {
        let mut query = sqlx::query_as::<_, T>(&self.text).persistent(!self.plan_each_run);
        for param in &self.params {
            query = match param {
                Param::Int(value) => query.bind(*value),
                Param::Text(value) => query.bind(value.clone()),
            };
        }
        query.fetch_all(conn).await
    }

    /// Runs the query and reads the first column of the first row, if there is one.
    pub async fn fetch_optional_scalar<T>(&self, conn: &mut AnyConnection) -> Result<Option<T>, sqlx::Error>
    where
        T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + Unpin,
    {
        let mut query = sqlx::query_scalar::<_, T>(&self.text).persistent(!self.plan_each_run);
        for param in &self.params {
            query = match param {
                Param::Int(value) => query.bind(*value),
                Param::Text(value) => query.bind(value.clone()),
            };
        }
        query.fetch_optional(conn).await
    }
}

/// Escapes `\`, `%` and `_` for a LIKE pattern with `ESCAPE '\'`.
pub(super) fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        let mut sql = Sql::new("SELECT 1 WHERE a = ");
        sql.bind(1).push(" AND b IN (").bind_list(&[2_i64, 3]).push(")");
        assert_eq!(sql.text, "SELECT 1 WHERE a = $1 AND b IN ($2, $3)");
        assert_eq!(sql.params.len(), 3);
    }

    #[test]
    fn like_wildcards_match_themselves() {
        assert_eq!(escape_like("50%_off\\"), "50\\%\\_off\\\\");
    }
}
