#include "store/attemptlog.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace forgelink {

namespace {

// Rows per INSERT: 6 values each stay far below SQLite's and PostgreSQL's limits on bound values.
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

Result<void> AttemptLog::record(const QList<OutboxAttempt> &attempts)
{
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
