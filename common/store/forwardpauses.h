#pragma once

#include "core/result.h"
#include "store/database.h"

#include <QHash>
#include <QString>

namespace forgelink {

// The forward targets an operator paused (`forward pause`): kept in the database, so that every
// agent on it stops sending to them within seconds, and resumes when the row goes.
class ForwardPauses {
public:
    struct Pause {
        QString reason;  // as given; may be empty
        qint64 pausedAtMs = 0;
        QString pausedBy; // host:pid of the command that paused it
    };

    explicit ForwardPauses(Database &database);

    // Pausing a paused target keeps its first time and gives it the new reason.
    Result<void> pause(const QString &target, const QString &reason, const QString &by, qint64 nowMs);
    // Whether it was paused.
    Result<bool> resume(const QString &target);
    Result<QHash<QString, Pause>> all();

private:
    QSqlDatabase &db() { return m_database.connection(); }

    Database &m_database;
};

} // namespace forgelink
