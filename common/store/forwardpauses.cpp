#include "store/forwardpauses.h"

#include <QSqlError>
#include <QSqlQuery>

namespace forgelink {

ForwardPauses::ForwardPauses(Database &database) : m_database(database) { }

Result<void> ForwardPauses::pause(const QString &target, const QString &reason, const QString &by, qint64 nowMs)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO forward_pauses (target, reason, paused_at, paused_by) VALUES (?, ?, ?, ?)"
                                 " ON CONFLICT (target) DO UPDATE SET reason = excluded.reason, paused_by = excluded.paused_by"));
    query.addBindValue(target);
    query.addBindValue(reason.isNull() ? QStringLiteral("") : reason); // none given: empty, not NULL
    query.addBindValue(nowMs);
    query.addBindValue(by);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot pause %1").arg(target), query.lastError()));
    return {};
}

Result<bool> ForwardPauses::resume(const QString &target)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("DELETE FROM forward_pauses WHERE target = ?"));
    query.addBindValue(target);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot resume %1").arg(target), query.lastError()));
    return query.numRowsAffected() > 0;
}

Result<QHash<QString, ForwardPauses::Pause>> ForwardPauses::all()
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT target, reason, paused_at, paused_by FROM forward_pauses")))
        return fail(m_database.error(QStringLiteral("cannot read paused targets"), query.lastError()));
    QHash<QString, Pause> paused;
    while (query.next())
        paused.insert(query.value(0).toString(), Pause{ query.value(1).toString(), query.value(2).toLongLong(), query.value(3).toString() });
    return paused;
}

} // namespace forgelink
