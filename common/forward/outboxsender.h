#pragma once

#include "core/result.h"
#include "forward/forwardtarget.h"
#include "store/databasesettings.h"
#include "store/outboxtable.h"

#include <QObject>

class QThread;

namespace forgelink {

class OutboxWorker;

// Forwards recorded deliveries to the config's targets, on a thread of its own with its own
// database connection and HTTP client, so that a slow or absent target never holds up the
// webhook receiver. The writer calls wake() after committing new rows.
class OutboxSender : public QObject {
    Q_OBJECT

public:
    OutboxSender(DatabaseSettings database, QList<ForwardTarget> targets, RetentionSettings retention, QString owner,
                 QObject *parent = nullptr);
    ~OutboxSender() override;

    // Before start(): see OutboxWorker::setAnswerRecorder.
    void setAnswerRecorder(std::function<void(QList<OutboxTable::Completion>, std::function<void(const Result<void> &)>)> recorder);
    Result<void> start();
    // Records what was answered, drops what is in flight (sent again later), stops the thread.
    void stop();
    // Thread-safe: new outbox rows were committed.
    void wake();

Q_SIGNALS:
    void attempted(const QString &target, const QString &result, int count);
    void counted(const QHash<QString, forgelink::OutboxTable::TargetCounts> &counts);
    void pausesRead(const QStringList &paused);

private:
    QThread *m_thread = nullptr;
    OutboxWorker *m_worker = nullptr;
};

} // namespace forgelink
