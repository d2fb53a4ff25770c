#pragma once

#include "core/result.h"
#include "store/database.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace forgelink {

class SqliteStatement;

// One forward attempt of an outbox row: when, how long, and what came back.
struct OutboxAttempt {
    qint64 rowId = 0;
    qint64 attemptedAtMs = 0;
    int durationMs = 0;
    std::optional<int> status; // none: no HTTP answer (a refused connection, a timeout)
    QString error;             // empty when the target accepted it
    QString answer;            // the first KiB of the answer's body

    // {"attemptedAt","durationMs","status","error","answer"}
    QJsonObject toJson() const;
};

// Every forward attempt, kept until retention deletes its delivery (the outbox_attempts table).
// Written in the same transaction as the answers it records.
class AttemptLog {
public:
    // An answer's body is kept up to this many bytes.
    static constexpr int kKeptAnswerBytes = 1024;

    explicit AttemptLog(Database &database);
    ~AttemptLog();

    // Inside the caller's transaction.
    Result<void> record(const QList<OutboxAttempt> &attempts);
    // Oldest first.
    Result<QList<OutboxAttempt>> forRow(qint64 rowId);
    // Inside the caller's transaction: the attempts of a delivery's finished rows (retention).
    Result<void> removeFinished(const QString &provider, const QString &deliveryId);

    // Before the connection closes.
    void forgetStatements();

private:
    QSqlDatabase &db() { return m_database.connection(); }
    Result<void> recordWithSqlite(const QList<OutboxAttempt> &attempts);

    Database &m_database;
    std::unique_ptr<SqliteStatement> m_insert; // SQLite only
};

} // namespace forgelink
