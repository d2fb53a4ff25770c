#include "agentservice.h"

#include "forward/forwardrouter.h"
#include "log/counted.h"

#include "providers/providerregistry.h"
#include "servicemanager.h"
#include "store/store.h"

#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcAgent, "forgelink.agent", QtInfoMsg)

namespace forgelink {

namespace {
// How long a stop waits for requests in flight before it closes what is left.
constexpr int kDrainTimeoutMs = 25'000;
constexpr int kRefusalFlushMs = 5'000;
} // namespace

AgentService::AgentService(AgentConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_intake(m_config)
{
}

AgentService::~AgentService() = default;

Result<void> AgentService::start()
{
    m_writer = std::make_unique<DeliveryWriter>(m_config.database);
    if (!m_config.forward.isEmpty()) {
        m_sender = std::make_unique<OutboxSender>(m_config.database, m_config.forward, m_config.retention, Store::thisProcess());
        OutboxSender *sender = m_sender.get();
        m_writer->setForwarding(ForwardRouter(m_config.forward, m_config.enabledProviders()), [sender] { sender->wake(); });
        if (m_config.database.driver == u"QSQLITE") {
            // One writer per SQLite file: the sender's answers join the writer's group commits
            // instead of taking the lock between them.
            DeliveryWriter *writer = m_writer.get();
            m_sender->setAnswerRecorder([writer](QList<OutboxTable::Completion> answers, DeliveryWriter::AnswersCallback recorded) {
                writer->recordAnswers(std::move(answers), std::move(recorded));
            });
        }
    }
    if (Result<void> opened = m_writer->start(); !opened)
        return opened;
    if (m_sender) {
        QStringList targets;
        for (const ForwardTarget &target : std::as_const(m_config.forward)) {
            targets << target.name;
            m_metrics.declareTarget(target.name);
        }
        connect(m_sender.get(), &OutboxSender::attempted, this,
                [this](const QString &target, const QString &result, int count) { m_metrics.countForwardAttempt(target, result, count); });
        connect(m_sender.get(), &OutboxSender::counted, this,
                [this, targets](const QHash<QString, OutboxTable::TargetCounts> &counts) { m_metrics.observeOutbox(targets, counts); });
        connect(m_sender.get(), &OutboxSender::pausesRead, this,
                [this, targets](const QStringList &paused) { m_metrics.observePauses(targets, paused); });
        if (Result<void> sending = m_sender->start(); !sending) {
            m_writer->stop();
            return fail(QStringLiteral("cannot start forwarding: %1").arg(sending.error()));
        }
        qCInfo(lcAgent).noquote() << "forwarding to" << targets.join(u", ");
    } else {
        qCWarning(lcAgent).noquote() << ForwardRouter::noTargetProblem();
    }
    connect(m_writer.get(), &DeliveryWriter::batchCommitted, this,
            [this](int deliveries, double, bool ok) { m_metrics.observeCommit(deliveries, ok); });

    // Secrets a rotation put in the database override the config's, from the first delivery on.
    if (Result<std::unique_ptr<Store>> store = Store::open(m_config.database, QStringLiteral("forgelink-secrets")); store) {
        if (Result<QHash<Provider, QList<QByteArray>>> secrets = (*store)->rotatedSecrets().all(); secrets)
            applySecrets(secrets.value());
    }
    m_secretRefresh = new QTimer(this);
    connect(m_secretRefresh, &QTimer::timeout, this, [this] {
        m_writer->withStore([this](Store &store) {
            Result<QHash<Provider, QList<QByteArray>>> secrets = store.rotatedSecrets().all();
            if (secrets)
                QMetaObject::invokeMethod(this, [this, found = secrets.value()] { applySecrets(found); }, Qt::QueuedConnection);
        });
    });
    m_secretRefresh->start(m_config.secretRefreshMs);

    m_routes = std::make_unique<AgentRoutes>(m_intake, *m_writer, m_metrics,
                                             [this] { return m_server ? m_server->openConnections() : 0; });
    m_server = new HttpServer(
            m_config.limits,
            [this](HttpRequest request, HttpServer::Responder respond) {
                m_routes->handle(std::move(request), std::move(respond));
            },
            this);
    connect(m_server, &HttpServer::requestFinished, this,
            [this](const QByteArray &, int status, double seconds) { m_metrics.observeRequest(status, seconds); });
    m_server->setHeadFilter([this](const HttpRequest &head) { return m_routes->screen(head); });
    connect(m_server, &HttpServer::connectionRefused, this, [this](const QString &reason) {
        m_metrics.countRefusedConnection();
        // A flood of refusals is one line per interval, not one per connection.
        if (const auto heldBack = m_refusalLog.admit())
            qCWarning(lcAgent).noquote() << "refused" << counted(*heldBack + 1, QStringLiteral("connection"), QStringLiteral("connections"))
                                         << "since the last such line:" << reason;
    });
    connect(m_server, &HttpServer::connectionEvicted, this, [this] { m_metrics.countEvictedConnection(); });
    // Unauthorized refusals go to the database a few seconds at a time, for `status`.
    m_refusalFlush = new QTimer(this);
    connect(m_refusalFlush, &QTimer::timeout, this, &AgentService::recordRefusals);
    m_refusalFlush->start(kRefusalFlushMs);
    if (Result<void> listening = m_server->listen(m_config.listenAddress, m_config.listenPort,
                                                  m_config.tlsCertificateFile, m_config.tlsPrivateKeyFile);
        !listening) {
        m_writer->stop();
        return listening;
    }
    // The last successful syncs from before this process, so that the stale-sync alert holds
    // across restarts.
    m_writer->withStore([this](Store &store) {
        const Result<QHash<Provider, QDateTime>> succeeded = store.syncRuns().lastSucceeded();
        if (!succeeded)
            return;
        QMetaObject::invokeMethod(
                this,
                [this, last = succeeded.value()] {
                    for (auto it = last.cbegin(); it != last.cend(); ++it)
                        if (it.value().isValid())
                            m_metrics.observeLastSuccessfulSync(it.key(), it.value());
                },
                Qt::QueuedConnection);
    });
    m_scheduler = new SyncScheduler(m_config, this);
    connect(m_scheduler, &SyncScheduler::finished, this,
            [this](const QList<RepositorySync::ProviderRun> &outcomes, const QString &) {
                for (const RepositorySync::ProviderRun &outcome : outcomes)
                    m_metrics.observeSync(outcome);
            });
    m_scheduler->start();
    // After listening: what a provider sends again must find the agent answering.
    for (Provider provider : m_config.enabledProviders()) {
        const GitProvider::RecoverySchedule schedule = ProviderRegistry::get(provider).recoverySchedule(m_config);
        if (schedule.everyMs <= 0 && schedule.offReason.isEmpty())
            continue; // none, or turned off in the config
        // forgelink_github_redeliveries_requested_total, forgelink_github_recovery_failures_total:
        // at zero even while it cannot run, so that alerts find them.
        const QString metric = QStringLiteral("forgelink_") + providerId(provider).replace(u'-', u'_');
        m_metrics.addCounter(metric + QStringLiteral("_redeliveries_requested_total"), 0);
        m_metrics.addCounter(metric + QStringLiteral("_recovery_failures_total"), 0);
        auto *recovery = new RecoveryScheduler(m_config, provider, this);
        if (!recovery->start()) {
            delete recovery;
            continue;
        }
        m_recoveries << recovery;
        connect(recovery, &RecoveryScheduler::checked, this, [this, metric](const DeliveryRecovery::Report &report) {
            m_metrics.addCounter(metric + QStringLiteral("_redeliveries_requested_total"), report.requested);
        });
        connect(recovery, &RecoveryScheduler::failed, this, [this, metric] { m_metrics.addCounter(metric + QStringLiteral("_recovery_failures_total"), 1); });
    }

    QStringList providers;
    for (Provider provider : m_config.enabledProviders()) {
        providers << providerId(provider);
        m_metrics.declareProvider(providerId(provider));
    }
    qCInfo(lcAgent).noquote() << "listening on" << QStringLiteral("%1:%2").arg(m_config.listenAddress.toString()).arg(port())
                              << (m_config.tlsCertificateFile.isEmpty() ? "(http)" : "(https)") << "for"
                              << providers.join(u", ") + QLatin1Char(';') << "store" << m_config.database.displayName();
    ServiceManager::ready(QStringLiteral("listening on port %1 for %2").arg(port()).arg(providers.join(u", ")));
    ServiceManager::startWatchdog(this);
    return {};
}

quint16 AgentService::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void AgentService::applySecrets(const QHash<Provider, QList<QByteArray>> &secrets)
{
    for (auto it = secrets.constBegin(); it != secrets.constEnd(); ++it) {
        if (!m_config.isEnabled(it.key()) || m_appliedSecrets.value(it.key()) == it.value())
            continue;
        WebhookCredentials credentials = ProviderRegistry::get(it.key()).credentials(m_config);
        credentials.secrets = it.value();
        m_intake.setCredentials(it.key(), credentials);
        m_appliedSecrets.insert(it.key(), it.value());
        qCInfo(lcAgent).noquote() << providerId(it.key()) << "webhook secrets changed in the database:" << it.value().size()
                                  << "accepted";
    }
}

void AgentService::syncNow()
{
    if (!m_stopping && m_scheduler)
        m_scheduler->runNow();
}

void AgentService::recordRefusals()
{
    if (!m_routes || !m_writer)
        return;
    const QList<RefusalLog::Refusal> refusals = m_routes->takeRefusals();
    if (refusals.isEmpty())
        return;
    m_writer->withStore([refusals](Store &store) {
        if (Result<void> recorded = store.refusals().add(refusals); !recorded)
            qCWarning(lcAgent).noquote() << recorded.error();
    });
}

void AgentService::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    if (m_secretRefresh)
        m_secretRefresh->stop();
    if (m_scheduler)
        m_scheduler->cancel();
    for (RecoveryScheduler *recovery : std::as_const(m_recoveries))
        recovery->cancel();
    ServiceManager::stopping();
    qCInfo(lcAgent) << "stopping: no new connections; finishing" << m_server->openConnections() << "open ones";
    auto finish = [this] {
        if (!m_writer)
            return;
        recordRefusals();
        if (m_sender)
            m_sender->stop(); // hands what was answered to the writer; the rest is sent after a restart
        m_writer->stop(); // commits whatever is still queued, answers included
        m_writer.reset();
        m_sender.reset();
        qCInfo(lcAgent) << "stopped";
        Q_EMIT stopped();
    };
    connect(m_server, &HttpServer::drained, this, finish);
    QTimer::singleShot(kDrainTimeoutMs, this, finish);
    m_server->stopAccepting();
}

} // namespace forgelink
