#include "settings/agentconfig.h"
#include "providers/hookprovisioner.h"
#include "providers/providerregistry.h"
#include "providers/repositorylister.h"

#include <QSet>
#include <QTest>

using namespace forgelink;

// The registry is the one place providers are known: every provider's names are unique and
// round-trip, and what the rest of forgelink asks of a provider is answered by the registry.
class tst_ProviderRegistry : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyProviderOnceWithItsNames()
    {
        QSet<QString> ids;
        QSet<QString> sections;
        QSet<Provider> kinds;
        for (const GitProvider *provider : ProviderRegistry::all()) {
            ids.insert(provider->id());
            sections.insert(provider->section());
            kinds.insert(provider->kind());
            QCOMPARE(&ProviderRegistry::get(provider->kind()), provider);
            QCOMPARE(ProviderRegistry::find(provider->id()), provider);
            QCOMPARE(providerFromId(providerId(provider->kind())), std::optional<Provider>(provider->kind()));
            QVERIFY(!provider->displayName().isEmpty());
            QVERIFY(!provider->keptHeaders().isEmpty());
        }
        QCOMPARE(ProviderRegistry::all().size(), 4);
        QCOMPARE(ids, (QSet<QString>{ "github", "gitlab", "bitbucket", "azure-devops" }));
        QCOMPARE(sections, (QSet<QString>{ "github", "gitlab", "bitbucket", "azureDevOps" }));
        QCOMPARE(kinds.size(), 4);
        QCOMPARE(ProviderRegistry::find(QStringLiteral("gitea")), nullptr);
        // The core names the providers without the registry, in the registry's order.
        QList<Provider> registered;
        for (const GitProvider *provider : ProviderRegistry::all())
            registered << provider->kind();
        QCOMPARE(allProviders(), registered);
        QCOMPARE(providerFromId(QStringLiteral("gitea")), std::nullopt);
    }

    void enabledFollowsTheConfigSections()
    {
        AgentConfig config;
        config.providers.insert(Provider::AzureDevOps, {});
        config.providers.insert(Provider::GitLab, {});
        QCOMPARE(config.enabledProviders(), (QList<Provider>{ Provider::GitLab, Provider::AzureDevOps }));
        config.providers[Provider::AzureDevOps].set(QStringLiteral("webhookBasicAuthUser"), QStringLiteral("pipekit"));
        config.providers[Provider::AzureDevOps].set(QStringLiteral("webhookBasicAuthPass"), QVariant::fromValue(QByteArrayList{ "p" }));
        QCOMPARE(ProviderRegistry::get(Provider::AzureDevOps).credentials(config).basicAuthUser, QByteArray("pipekit"));
        QCOMPARE(ProviderRegistry::get(Provider::AzureDevOps).webhookSecretKey(), QStringLiteral("webhookBasicAuthPass"));
    }

    void onlyGitHubCoversRepositoriesWithoutHooks()
    {
        for (const GitProvider *provider : ProviderRegistry::all())
            QCOMPARE(provider->hasRepositoryHooks(), provider->kind() != Provider::GitHub);
        AgentConfig config;
        QVERIFY(!ProviderRegistry::get(Provider::GitHub).hookProvisioner(config, QStringLiteral("https://x")));
    }

    // Delivery recovery sits behind the provider: GitHub's, on by default, every 10 minutes, and
    // off with a reason while the App's key is missing; the others retry failed deliveries
    // themselves and offer none.
    void onlyGitHubRecoversFailedDeliveries()
    {
        AgentConfig config;
        config.providers.insert(Provider::GitHub, {});
        config.providers.insert(Provider::GitLab, {});
        for (const GitProvider *provider : ProviderRegistry::all()) {
            QCOMPARE(provider->hasDeliveryRecovery(), provider->kind() == Provider::GitHub);
            if (provider->kind() != Provider::GitHub)
                QCOMPARE(provider->recoverySchedule(config).everyMs, qint64(0));
        }
        const GitProvider &github = ProviderRegistry::get(Provider::GitHub);
        QCOMPARE(github.recoverySchedule(config).everyMs, qint64(0));
        QVERIFY(github.recoverySchedule(config).offReason.contains(QStringLiteral("privateKey")));
        config.providers[Provider::GitHub].set(QStringLiteral("privateKey"), QByteArray("-----BEGIN PRIVATE KEY-----"));
        QCOMPARE(github.recoverySchedule(config).everyMs, qint64(10 * 60 * 1000));
        config.providers[Provider::GitHub].set(QStringLiteral("recoverFailedDeliveries"), false);
        QCOMPARE(github.recoverySchedule(config).everyMs, qint64(0));
        QVERIFY(github.recoverySchedule(config).offReason.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_ProviderRegistry)
#include "tst_providerregistry.moc"
