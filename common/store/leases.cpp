#include "store/leases.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>

#include <cerrno>
#include <csignal>
#include <cstring>

namespace forgelink {

namespace {

// "host:pid" of a holder on this machine whose process has died.
bool holderIsDead(const QString &holder)
{
    const QString host = holder.section(QLatin1Char(':'), 0, 0);
    const qint64 pid = holder.section(QLatin1Char(':'), 1).toLongLong();
    if (pid <= 0 || host != QSysInfo::machineHostName())
        return false;
    return ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
}

qint64 lockKey(const QString &name)
{
    const QByteArray digest = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256);
    qint64 key = 0;
    std::memcpy(&key, digest.constData(), sizeof(key));
    return key;
}

} // namespace

QString Leases::thisProcess()
{
    return QStringLiteral("%1:%2").arg(QSysInfo::machineHostName()).arg(QCoreApplication::applicationPid());
}

Result<bool> Leases::tryTake(const QString &name, const QString &holder, int ttlSeconds)
{
    if (m_database.isPostgres()) {
        // A session lock: PostgreSQL releases it when a crashed agent's connection goes.
        if (m_held.contains(name))
            return true;
        QSqlQuery query(db());
        if (!query.exec(QStringLiteral("SELECT pg_try_advisory_lock(%1)").arg(lockKey(name))) || !query.next())
            return fail(m_database.error(QStringLiteral("cannot take the lock %1").arg(name), query.lastError()));
        if (query.value(0).toBool())
            m_held.insert(name);
        return query.value(0).toBool();
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QSqlQuery query(db());
    // Taken when free, lapsed, or already ours (a refresh).
    query.prepare(QStringLiteral("INSERT INTO locks (name, holder, expires_at) VALUES (?, ?, ?)"
                                 " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at"
                                 " WHERE locks.expires_at < ? OR locks.holder = excluded.holder"));
    query.addBindValue(name);
    query.addBindValue(holder);
    query.addBindValue(now + ttlSeconds);
    query.addBindValue(now);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot take the lock %1").arg(name), query.lastError()));
    if (query.numRowsAffected() > 0)
        return true;
    // A holder on this machine that was killed never released its lease: take it over.
    QSqlQuery current(db());
    current.prepare(QStringLiteral("SELECT holder FROM locks WHERE name = ?"));
    current.addBindValue(name);
    if (!current.exec() || !current.next())
        return false;
    const QString stale = current.value(0).toString();
    current.finish();
    if (!holderIsDead(stale))
        return false;
    QSqlQuery takeOver(db());
    takeOver.prepare(QStringLiteral("UPDATE locks SET holder = ?, expires_at = ? WHERE name = ? AND holder = ?"));
    takeOver.addBindValue(holder);
    takeOver.addBindValue(now + ttlSeconds);
    takeOver.addBindValue(name);
    takeOver.addBindValue(stale);
    if (!takeOver.exec())
        return fail(m_database.error(QStringLiteral("cannot take over the lock %1").arg(name), takeOver.lastError()));
    return takeOver.numRowsAffected() > 0;
}

Result<void> Leases::release(const QString &name, const QString &holder)
{
    if (m_database.isPostgres()) {
        if (!m_held.remove(name))
            return {};
        QSqlQuery query(db());
        if (!query.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(lockKey(name))))
            return fail(m_database.error(QStringLiteral("cannot release the lock %1").arg(name), query.lastError()));
        return {};
    }
    QSqlQuery query(db());
    query.prepare(QStringLiteral("DELETE FROM locks WHERE name = ? AND holder = ?"));
    query.addBindValue(name);
    query.addBindValue(holder);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot release the lock %1").arg(name), query.lastError()));
    return {};
}

} // namespace forgelink
