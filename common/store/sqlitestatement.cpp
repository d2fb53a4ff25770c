#include "store/sqlitestatement.h"

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace forgelink {

Result<std::unique_ptr<SqliteStatement>> SqliteStatement::prepare(const QSqlDatabase &database, const char *sql)
{
    // QSqlDriver::handle() holds the driver's sqlite3* (Qt's documented way to reach it).
    const QVariant handle = database.driver() ? database.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return fail(QStringLiteral("the database connection is not SQLite"));
    sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
    if (!connection)
        return fail(QStringLiteral("the SQLite connection is closed"));
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v3(connection, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK)
        return fail(QStringLiteral("cannot prepare a statement: %1").arg(QString::fromUtf8(sqlite3_errmsg(connection))));
    return std::unique_ptr<SqliteStatement>(new SqliteStatement(connection, statement));
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

void SqliteStatement::bindText(int index, const QByteArray &utf8)
{
    sqlite3_bind_text(m_statement, index, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
}

void SqliteStatement::bindBlob(int index, const QByteArray &bytes)
{
    // A zero-length blob, not NULL, for an empty body.
    if (bytes.isEmpty())
        sqlite3_bind_zeroblob(m_statement, index, 0);
    else
        sqlite3_bind_blob(m_statement, index, bytes.constData(), int(bytes.size()), SQLITE_STATIC);
}

void SqliteStatement::bindInt64(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, sqlite3_int64(value));
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
}

Result<int> SqliteStatement::execute()
{
    const int status = sqlite3_step(m_statement);
    const int changed = sqlite3_changes(m_connection);
    const QString message = status == SQLITE_DONE ? QString() : QString::fromUtf8(sqlite3_errmsg(m_connection));
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    if (status != SQLITE_DONE)
        return fail(message);
    return changed;
}

} // namespace forgelink
