#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QSqlDatabase>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace forgelink {

// A prepared statement on the SQLite connection under a QSqlDatabase, through SQLite's own API.
// For the inserts of the delivery writer's group commits: it binds UTF-8 text and blobs without
// the copies and UTF-16 conversions QSqlQuery makes, which cost more than the insert itself at
// thousands per second, and it is prepared once (Qt's driver turns each `?` into a named
// parameter, which SQLite's parser looks up by name: a many-row INSERT costs the square of its
// parameters to prepare).
// It must be destroyed before the connection closes.
class SqliteStatement {
public:
    static Result<std::unique_ptr<SqliteStatement>> prepare(const QSqlDatabase &database, const char *sql);
    ~SqliteStatement();

    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    // Parameters count from 1. The bytes must stay valid until execute() returns.
    void bindText(int index, const QByteArray &utf8);
    void bindBlob(int index, const QByteArray &bytes);
    void bindInt64(int index, qint64 value);
    void bindNull(int index);
    // Runs the statement to completion: the number of rows it changed.
    Result<int> execute();

private:
    SqliteStatement(sqlite3 *connection, sqlite3_stmt *statement) : m_connection(connection), m_statement(statement) {}

    sqlite3 *m_connection;
    sqlite3_stmt *m_statement;
};

} // namespace forgelink
