#include "hooks/hooklifecycle.h"
#include "log/counted.h"

#include "providers/providerregistry.h"
#include "providers/repositorylister.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTimer>

Q_LOGGING_CATEGORY(lcHooks, "forgelink.hooks", QtInfoMsg)

namespace forgelink {

namespace {
constexpr int kLockTtlSeconds = 10 * 60;
constexpr int kLockWaitMs = 120'000;

QString lockName(Provider provider, const QString &repoId)
{
    return QStringLiteral("hooks:%1:%2").arg(providerId(provider), repoId);
}

// Releases a lease when the scope ends, whatever path it ends by.
class LeaseGuard {
public:
    LeaseGuard(Store &store, QString name, QString holder) : m_store(store), m_name(std::move(name)), m_holder(std::move(holder)) { }
    ~LeaseGuard() { (void)m_store.leases().release(m_name, m_holder); }

private:
    Store &m_store;
    QString m_name;
    QString m_holder;
};
} // namespace

HookLifecycle::HookLifecycle(const AgentConfig &config, Store &store, QString holder)
    : m_config(config), m_store(store), m_holder(std::move(holder))
{
}

HookLifecycle::~HookLifecycle() = default;

bool HookLifecycle::matchesAutoAttach(const AgentConfig &config, const QString &fullPath)
{
    if (!config.autoAttach)
        return false;
    if (config.autoAttachPatterns.isEmpty())
        return true;
    for (const QString &pattern : config.autoAttachPatterns) {
        if (QRegularExpression::fromWildcard(pattern, Qt::CaseInsensitive) // anchored: the whole path must match
                    .match(fullPath)
                    .hasMatch())
            return true;
    }
    return false;
}

Result<HookProvisioner *> HookLifecycle::provisioner(Provider provider)
{
    if (auto it = m_provisioners.find(provider); it != m_provisioners.end())
        return it->second.get();
    Result<std::unique_ptr<HookProvisioner>> created = HookProvisioner::create(provider, m_config);
    if (!created)
        return fail(created.error());
    HookProvisioner *raw = created->get();
    m_provisioners[provider] = std::move(created.value());
    return raw;
}

Result<Repository> HookLifecycle::resolve(Provider provider, const QString &reference)
{
    Result<std::optional<Repository>> found = m_store.repositories().find(provider, reference);
    if (!found)
        return fail(found.error());
    if (!found->has_value())
        return fail(QStringLiteral("%1 is not in the %2 repository cache; run `forgelink-agent sync --provider %2` first")
                            .arg(reference, providerId(provider)));
    return found->value();
}

Result<void> HookLifecycle::lock(const QString &name)
{
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        Result<bool> taken = m_store.leases().tryTake(name, m_holder, kLockTtlSeconds);
        if (!taken)
            return fail(taken.error());
        if (taken.value())
            return {};
        if (waited.elapsed() > kLockWaitMs)
            return fail(QStringLiteral("another agent has been changing these hooks for over %1 s").arg(kLockWaitMs / 1000));
        if (m_config.network.cancelled())
            return fail(QStringLiteral("cancelled"));
        QEventLoop loop;
        QTimer::singleShot(100, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

Result<QStringList> HookLifecycle::attach(Provider provider, const QString &repository)
{
    const GitProvider &git = ProviderRegistry::get(provider);
    if (!git.hasRepositoryHooks())
        return git.checkCoverage(m_config, repository);
    Result<Repository> resolved = resolve(provider, repository);
    if (!resolved)
        return fail(resolved.error());
    return attachRepository(provider, resolved.value());
}

Result<QStringList> HookLifecycle::attachRepository(Provider provider, const Repository &repository)
{
    Result<HookProvisioner *> hooks = provisioner(provider);
    if (!hooks)
        return fail(hooks.error());
    const QString name = lockName(provider, repository.id);
    if (Result<void> locked = lock(name); !locked)
        return fail(locked.error());
    LeaseGuard guard(m_store, name, m_holder);

    Result<QList<RemoteHook>> existing = (*hooks)->findOurs(repository);
    if (!existing)
        return fail(existing.error());
    QStringList lines;
    QList<RemoteHook> created;
    auto rollBack = [&](const QString &error) -> Result<QStringList> {
        // All or nothing: what this attach created goes again.
        for (const RemoteHook &hook : created) {
            (void)(*hooks)->remove(repository, hook);
            (void)m_store.hooks().remove(provider, repository.id, hook.kind);
        }
        return fail(created.isEmpty() ? error
                                      : QStringLiteral("%1; the %2 created for %3 %4 removed again")
                                                .arg(error, counted(created.size(), QStringLiteral("hook"), QStringLiteral("hooks")),
                                                     repository.fullPath, created.size() == 1 ? QStringLiteral("was") : QStringLiteral("were")));
    };
    for (const QString &kind : (*hooks)->kinds()) {
        QList<RemoteHook> ofKind;
        for (const RemoteHook &hook : existing.value()) {
            if (hook.kind == kind)
                ofKind << hook;
        }
        RemoteHook hook;
        if (ofKind.isEmpty()) {
            Result<RemoteHook> made = (*hooks)->create(repository, kind);
            if (!made)
                return rollBack(made.error());
            hook = made.value();
            created << hook;
            lines << QStringLiteral("%1 %2: created %3 %4").arg(providerId(provider), repository.fullPath, kind, hook.id);
        } else {
            hook = ofKind.takeFirst();
            if (!hook.enabled || !hook.matches) {
                Result<RemoteHook> repaired = (*hooks)->repair(repository, hook);
                if (!repaired)
                    return rollBack(repaired.error());
                const QString what = repaired->id != hook.id ? QStringLiteral("replaced the disabled %1 %2 with").arg(kind, hook.id)
                        : hook.enabled                       ? QStringLiteral("updated the settings of %1").arg(kind)
                                                             : QStringLiteral("re-enabled %1").arg(kind);
                hook = repaired.value();
                lines << QStringLiteral("%1 %2: %3 %4").arg(providerId(provider), repository.fullPath, what, hook.id);
            } else {
                lines << QStringLiteral("%1 %2: %3 %4 already attached").arg(providerId(provider), repository.fullPath, kind, hook.id);
            }
            // Two of ours for one kind (an earlier crash between create and record): keep one.
            for (const RemoteHook &duplicate : ofKind) {
                if ((*hooks)->remove(repository, duplicate))
                    lines << QStringLiteral("%1 %2: removed a duplicate %3 %4").arg(providerId(provider), repository.fullPath, kind, duplicate.id);
            }
        }
        if (Result<void> recorded = m_store.hooks().record({ provider, repository.id, repository.fullPath, kind, hook.id, {} }); !recorded)
            return rollBack(recorded.error());
    }
    for (const QString &line : lines)
        qCInfo(lcHooks).noquote() << line;
    return lines;
}

Result<QStringList> HookLifecycle::detach(Provider provider, const QString &repository)
{
    if (!ProviderRegistry::get(provider).hasRepositoryHooks())
        return fail(QStringLiteral("%1 has no per-repository hooks: uninstall the App from the repository instead")
                            .arg(providerDisplayName(provider)));
    Result<std::optional<Repository>> cached = m_store.repositories().find(provider, repository);
    if (!cached)
        return fail(cached.error());
    Repository target;
    if (cached->has_value()) {
        target = cached->value();
    } else {
        // A repository that left the cache can still have hooks on record.
        Result<QList<HookRecord>> all = m_store.hooks().list(provider);
        if (!all)
            return fail(all.error());
        for (const HookRecord &record : all.value()) {
            if (record.fullPath == repository || record.repoId == repository) {
                target.provider = provider;
                target.id = record.repoId;
                target.fullPath = record.fullPath;
            }
        }
        if (target.id.isEmpty())
            return QStringList{ QStringLiteral("%1 %2: nothing is attached").arg(providerId(provider), repository) };
    }
    return detachRepository(provider, target);
}

Result<QStringList> HookLifecycle::detachRepository(Provider provider, const Repository &repository)
{
    Result<HookProvisioner *> hooks = provisioner(provider);
    if (!hooks)
        return fail(hooks.error());
    const QString name = lockName(provider, repository.id);
    if (Result<void> locked = lock(name); !locked)
        return fail(locked.error());
    LeaseGuard guard(m_store, name, m_holder);
    Result<QList<HookRecord>> records = m_store.hooks().list(provider, repository.id);
    if (!records)
        return fail(records.error());
    QStringList lines;
    if (records->isEmpty())
        lines << QStringLiteral("%1 %2: nothing is attached").arg(providerId(provider), repository.fullPath);
    for (const HookRecord &record : records.value()) {
        Result<bool> removed = (*hooks)->remove(repository, RemoteHook{ record.hookId, record.kind, true, true });
        if (!removed)
            return fail(removed.error());
        lines << QStringLiteral("%1 %2: %3 %4 %5").arg(providerId(provider), repository.fullPath, record.kind, record.hookId,
                                                        removed.value() ? QStringLiteral("removed")
                                                                        : QStringLiteral("was already removed by hand"));
        if (Result<void> forgotten = m_store.hooks().remove(provider, repository.id, record.kind); !forgotten)
            return fail(forgotten.error());
    }
    for (const QString &line : lines)
        qCInfo(lcHooks).noquote() << line;
    return lines;
}

HookLifecycle::ReconcileReport HookLifecycle::reconcile(std::optional<Provider> only)
{
    ReconcileReport report;
    for (Provider provider : m_config.enabledProviders()) {
        if (!ProviderRegistry::get(provider).hasRepositoryHooks() || (only && *only != provider))
            continue;
        Result<QList<Repository>> cached = m_store.repositories().list(provider);
        Result<QList<HookRecord>> records = m_store.hooks().list(provider);
        if (!cached || !records) {
            report.lines << QStringLiteral("%1: %2").arg(providerId(provider), !cached ? cached.error() : records.error());
            ++report.failures;
            continue;
        }
        QHash<QString, Repository> synced;
        for (const Repository &repository : cached.value())
            synced.insert(repository.id, repository);
        QHash<QString, Repository> attached;
        for (const HookRecord &record : records.value())
            attached.insert(record.repoId, Repository{ provider, record.repoId, record.fullPath, {}, {}, {}, {}, {}, {}, {} });

        auto apply = [&](const Result<QStringList> &result) {
            if (result)
                report.lines << result.value();
            else {
                report.lines << result.error();
                ++report.failures;
            }
        };
        for (const Repository &repository : attached) {
            if (m_config.network.cancelled())
                return report;
            if (synced.contains(repository.id))
                apply(attachRepository(provider, synced.value(repository.id)));
            else
                apply(detachRepository(provider, repository)); // it left the synced set
        }
        for (const Repository &repository : cached.value()) {
            if (m_config.network.cancelled())
                return report;
            if (!attached.contains(repository.id) && matchesAutoAttach(m_config, repository.fullPath))
                apply(attachRepository(provider, repository));
        }
    }
    return report;
}

Result<QStringList> HookLifecycle::updateSecrets(Provider provider, const QByteArray &secret)
{
    const GitProvider &git = ProviderRegistry::get(provider);
    if (!git.hasRepositoryHooks())
        return git.setAccountWebhookSecret(m_config, secret);
    Result<HookProvisioner *> hooks = provisioner(provider);
    if (!hooks)
        return fail(hooks.error());
    Result<QList<HookRecord>> records = m_store.hooks().list(provider);
    if (!records)
        return fail(records.error());
    QStringList lines;
    for (const HookRecord &record : records.value()) {
        const Repository repository{ provider, record.repoId, record.fullPath, {}, {}, {}, {}, {}, {}, {} };
        if (Result<void> set = (*hooks)->setSecret(repository, RemoteHook{ record.hookId, record.kind, true, true }, secret); !set)
            return fail(set.error());
        lines << QStringLiteral("%1 %2: %3 %4 has the new secret").arg(providerId(provider), record.fullPath, record.kind, record.hookId);
    }
    return lines;
}

} // namespace forgelink
