// One query, its parameters bound in order, and a callback for each result row: the shape of
// most read-only queries of the store.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/VariadicBind.h>

namespace pingcha::store {

template <typename Row, typename... Params>
void each_row(SQLite::Database& db, const char* sql, Row&& row, const Params&... params) {
    SQLite::Statement q(db, sql);
    SQLite::bind(q, params...);
    while (q.executeStep()) row(q);
}

}  // namespace pingcha::store
