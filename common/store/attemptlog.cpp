#include "store/attemptlog.h"

#include "store/sqlitestatement.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace forgelink {

namespace {

// PostgreSQL: rows per INSERT, one round trip each; 6 values a row stay far below its limit on
// bound values.
constexpr int kRowsPerInsert = 200;

} // namespace

QJsonObject OutboxAttempt::toJson() const
{
    return QJsonObject{ { QStringLiteral("attemptedAt"), QDateTime::fromMSecsSinceEpoch(attemptedAtMs, Qt::UTC).toString(Qt::ISODateWithMs) },
                        { QStringLiteral("durationMs"), durationMs },
                        { QStringLiteral("status"), status ? QJsonValue(*status) : QJsonValue() },
                        { QStringLiteral("error"), error.isEmpty() ? QJsonValue() : QJsonValue(error) },
                        { QStringLiteral("answer"), answer.isEmpty() ? QJsonValue() : QJsonValue(answer) } };
}

AttemptLog::AttemptLog(Database &database) : m_database(database) { }

AttemptLog::~AttemptLog() = default;

void AttemptLog::forgetStatements()
{
    m_insert.reset();
}

// SQLite: one prepared statement run per row, in the caller's transaction; no round trips to save.
Result<void> AttemptLog::recordWithSqlite(const QList<OutboxAttempt> &attempts)
{
    if (!m_insert) {
        auto prepared = SqliteStatement::prepare(db(), "INSERT INTO outbox_attempts (row_id, attempted_at, duration_ms, status, error, answer)"
                                                       " VALUES (?, ?, ?, ?, ?, ?)");
        if (!prepared)
            return fail(QStringLiteral("cannot prepare the attempt log's insert: %1").arg(prepared.error()));
        m_insert = std::move(prepared).value();
    }
    for (const OutboxAttempt &attempt : attempts) {
        const QByteArray error = attempt.error.toUtf8();
        const QByteArray answer = attempt.answer.toUtf8();
        m_insert->bindInt64(1, attempt.rowId);
        m_insert->bindInt64(2, attempt.attemptedAtMs);
        m_insert->bindInt64(3, attempt.durationMs);
        if (attempt.status)
            m_insert->bindInt64(4, *attempt.status);
        else
            m_insert->bindNull(4);
        if (error.isEmpty())
            m_insert->bindNull(5);
        else
            m_insert->bindText(5, error);
        if (answer.isEmpty())
            m_insert->bindNull(6);
        else
            m_insert->bindText(6, answer);
        if (Result<int> done = m_insert->execute(); !done) {
            m_insert.reset();
            return fail(QStringLiteral("cannot record forward attempts: %1").arg(done.error()));
        }
    }
    return {};
}

Result<void> AttemptLog::record(const QList<OutboxAttempt> &attempts)
{
    if (!m_database.isPostgres())
        return recordWithSqlite(attempts);
    for (qsizetype first = 0; first < attempts.size(); first += kRowsPerInsert) {
        const qsizetype count = std::min<qsizetype>(kRowsPerInsert, attempts.size() - first);
        QStringList values;
        for (qsizetype i = 0; i < count; ++i)
            values << QStringLiteral("(?, ?, ?, ?, ?, ?)");
        QSqlQuery insert(db());
        insert.prepare(QStringLiteral("INSERT INTO outbox_attempts (row_id, attempted_at, duration_ms, status, error, answer) VALUES ")
                       + values.join(u", "));
        for (qsizetype i = first; i < first + count; ++i) {
            const OutboxAttempt &attempt = attempts.at(i);
            insert.addBindValue(attempt.rowId);
            insert.addBindValue(attempt.attemptedAtMs);
            insert.addBindValue(attempt.durationMs);
            insert.addBindValue(attempt.status ? QVariant(*attempt.status) : QVariant(QMetaType(QMetaType::Int)));
            insert.addBindValue(Database::nullable(attempt.error));
            insert.addBindValue(Database::nullable(attempt.answer));
        }
        if (!insert.exec())
            return fail(m_database.error(QStringLiteral("cannot record forward attempts"), insert.lastError()));
    }
    return {};
}

Result<QList<OutboxAttempt>> AttemptLog::forRow(qint64 rowId)
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT attempted_at, duration_ms, status, error, answer FROM outbox_attempts WHERE row_id = ? ORDER BY id"));
    query.addBindValue(rowId);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot read forward attempts"), query.lastError()));
    QList<OutboxAttempt> attempts;
    while (query.next()) {
        OutboxAttempt attempt;
        attempt.rowId = rowId;
        attempt.attemptedAtMs = query.value(0).toLongLong();
        attempt.durationMs = query.value(1).toInt();
        if (!query.value(2).isNull())
            attempt.status = query.value(2).toInt();
        attempt.error = query.value(3).toString();
        attempt.answer = query.value(4).toString();
        attempts << attempt;
    }
    return attempts;
}

Result<void> AttemptLog::removeFinished(const QString &provider, const QString &deliveryId)
{
    QSqlQuery remove(db());
    remove.prepare(QStringLiteral("DELETE FROM outbox_attempts WHERE row_id IN (SELECT id FROM outbox WHERE provider = ? AND delivery_id = ?"
                                  " AND state <> 'pending')"));
    remove.addBindValue(provider);
    remove.addBindValue(deliveryId);
    if (!remove.exec())
        return fail(m_database.error(QStringLiteral("cannot delete old forward attempts"), remove.lastError()));
    return {};
}

} // namespace forgelink
