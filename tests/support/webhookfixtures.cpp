#include "webhookfixtures.h"

#include "crypto/crypto.h"
#include "testpaths.h"

namespace forgelink::test {

namespace {

const QString kZero = QStringLiteral("0000000000000000000000000000000000000000");

NormalizedEvent ev(const char *kind, const char *repo, const char *ref = "", const QString &before = {},
                   const QString &after = {}, std::optional<qint64> pr = std::nullopt, const char *source = "",
                   const char *target = "")
{
    NormalizedEvent event;
    event.kind = QString::fromLatin1(kind);
    event.repo = QString::fromLatin1(repo);
    event.ref = QString::fromLatin1(ref);
    event.before = before;
    event.after = after;
    event.pullRequest = pr;
    event.sourceBranch = QString::fromLatin1(source);
    event.targetBranch = QString::fromLatin1(target);
    return event;
}

} // namespace

QByteArray WebhookFixture::body() const
{
    return TestPaths::readFile(TestPaths::webhookFixturesDir() + QLatin1Char('/') + file);
}

QList<WebhookFixture> WebhookFixtures::all()
{
    using P = Provider;
    const QString prHead = QStringLiteral("ec26c3e57ca3a959ca5aad62de7213c562f8c821");
    return {
        { P::GitHub, QStringLiteral("github/ping.json"), "ping", { ev("ping", "Octocoders/Hello-World") } },
        { P::GitHub, QStringLiteral("github/push_branch.json"), "push",
          { ev("branch_created", "Codertocat/Hello-World", "refs/heads/master", kZero,
               QStringLiteral("6113728f27ae82c7b1a177c8d03f9e96e0adf246")) } },
        { P::GitHub, QStringLiteral("github/push_tag.json"), "push",
          { ev("tag_created", "bradrydzewski/drone-test-go", "refs/tags/v0.0.1", kZero,
               QStringLiteral("d2b75aa7797ec26b088fa2dd527e9d2c052fcedd")) } },
        { P::GitHub, QStringLiteral("github/pull_request_opened.json"), "pull_request",
          { ev("pull_request_opened", "Codertocat/Hello-World", "refs/heads/changes", {}, prHead, 2, "changes", "master") } },
        { P::GitHub, QStringLiteral("github/pull_request_synchronize.json"), "pull_request",
          { ev("pull_request_updated", "Codertocat/Hello-World", "refs/heads/changes",
               QStringLiteral("f95f852bd8fca8fcc58a9a2d6c842781e32a215e"), prHead, 2, "changes", "master") } },
        { P::GitHub, QStringLiteral("github/create_branch.json"), "create",
          { ev("branch_created", "bradrydzewski/drone-test-go", "refs/heads/feature-branch") } },
        { P::GitHub, QStringLiteral("github/create_tag.json"), "create",
          { ev("tag_created", "Codertocat/Hello-World", "refs/tags/simple-tag") } },
        { P::GitHub, QStringLiteral("github/repository_created.json"), "repository",
          { ev("repository_created", "Octocoders/Hello-World") } },
        { P::GitHub, QStringLiteral("github/repository_renamed.json"), "repository",
          { ev("repository_renamed", "Octocoders/Hello-World") } },
        { P::GitHub, QStringLiteral("github/repository_deleted.json"), "repository",
          { ev("repository_deleted", "Octocoders/Hello-World") } },
        { P::GitHub, QStringLiteral("github/installation_created.json"), "installation", { ev("installation_changed", "") } },
        { P::GitHub, QStringLiteral("github/installation_repositories_added.json"), "installation_repositories",
          { ev("installation_changed", "") } },

        { P::GitLab, QStringLiteral("gitlab/push.json"), "Push Hook",
          { ev("push", "mike/diaspora", "refs/heads/master", QStringLiteral("95790bf891e76fee5e1747ab589903a6a1f80f22"),
               QStringLiteral("da1560886d4f094c3e6c9ef40349f7d38b5d27d7")) } },
        { P::GitLab, QStringLiteral("gitlab/tag_push.json"), "Tag Push Hook",
          { ev("tag_created", "jsmith/example", "refs/tags/v1.0.0", kZero,
               QStringLiteral("82b3d5ae55f7080f1e6022629cdb57bfae7cccc7")) } },
        { P::GitLab, QStringLiteral("gitlab/merge_request_open.json"), "Merge Request Hook",
          { ev("pull_request_opened", "gitlabhq/gitlab-test", "refs/heads/ms-viewport", {},
               QStringLiteral("da1560886d4f094c3e6c9ef40349f7d38b5d27d7"), 1, "ms-viewport", "master") } },
        { P::GitLab, QStringLiteral("gitlab/merge_request_update.json"), "Merge Request Hook",
          { ev("pull_request_updated", "gitlab-org/hello-world", "refs/heads/feature",
               QStringLiteral("2ee77db7e47fecd07229e021ef89e5d46cd4f5dd"),
               QStringLiteral("c4c79227ed610f1151f05bbc5be33b4f340d39c8"), 1, "feature", "master") } },

        { P::Bitbucket, QStringLiteral("bitbucket/repo_refs_changed.json"), "repo:refs_changed",
          { ev("push", "PRJ/my-repo", "refs/heads/master", QStringLiteral("5c64a07cd6c0f21b753bf261ef059c7e7633c50a"),
               QStringLiteral("823b2230a56056231c9425d63758fa87078a66b4")) } },
        { P::Bitbucket, QStringLiteral("bitbucket/pr_opened.json"), "pr:opened",
          { ev("pull_request_opened", "~gopher/webhook-test", "refs/heads/feature/wip", {},
               QStringLiteral("32a0b8a740c2963c6f56bd8baf3dc05683d299e0"), 5, "feature/wip", "master") } },
        { P::Bitbucket, QStringLiteral("bitbucket/pr_from_ref_updated.json"), "pr:from_ref_updated",
          { ev("pull_request_updated", "PRJ/my-repo", "refs/heads/feature-2",
               QStringLiteral("caf52ccb18c039cd9b930ed1f7b3edfb34cb92dd"),
               QStringLiteral("c00d0f269a9844dd168f72f6a9d78a9cff49a318"), 2, "feature-2", "master") } },
        { P::Bitbucket, QStringLiteral("bitbucket/diagnostics_ping.json"), "diagnostics:ping", { ev("ping", "") } },

        { P::AzureDevOps, QStringLiteral("azure-devops/git.push.json"), {},
          { ev("push", "Fabrikam-Fiber-Git/Fabrikam-Fiber-Git", "refs/heads/main",
               QStringLiteral("aad331d8d3b131fa9ae03cf5e53965b51942618a"),
               QStringLiteral("33b55f7cb7e7e245323987634f960cf4a6e6bc74")) } },
        { P::AzureDevOps, QStringLiteral("azure-devops/git.pullrequest.created.json"), {},
          { ev("pull_request_opened", "Fabrikam/Fabrikam", "refs/heads/mytopic", {},
               QStringLiteral("53d54ac915144006c2c9e90d2c7d3880920db49c"), 1, "mytopic", "master") } },
        { P::AzureDevOps, QStringLiteral("azure-devops/git.pullrequest.updated.json"), {},
          { ev("pull_request_merged", "Fabrikam/Fabrikam", "refs/heads/mytopic", {},
               QStringLiteral("53d54ac915144006c2c9e90d2c7d3880920db49c"), 1, "mytopic", "master") } },
    };
}

QList<QPair<QByteArray, QByteArray>> WebhookFixtures::headers(Provider provider, const QByteArray &event,
                                                              const QByteArray &body, const QByteArray &secret,
                                                              const QByteArray &deliveryId)
{
    QList<QPair<QByteArray, QByteArray>> headers{ { "Content-Type", "application/json" } };
    const QByteArray signature = "sha256=" + Crypto::hmacSha256(secret, body).toHex();
    switch (provider) {
    case Provider::GitHub:
        headers << qMakePair(QByteArray("X-GitHub-Event"), event) << qMakePair(QByteArray("X-GitHub-Delivery"), deliveryId)
                << qMakePair(QByteArray("X-Hub-Signature-256"), signature)
                << qMakePair(QByteArray("User-Agent"), QByteArray("GitHub-Hookshot/044aadd"));
        break;
    case Provider::GitLab:
        headers << qMakePair(QByteArray("X-Gitlab-Event"), event) << qMakePair(QByteArray("Idempotency-Key"), deliveryId)
                << qMakePair(QByteArray("X-Gitlab-Token"), secret);
        break;
    case Provider::Bitbucket:
        headers << qMakePair(QByteArray("X-Event-Key"), event) << qMakePair(QByteArray("X-Request-Id"), deliveryId)
                << qMakePair(QByteArray("X-Hub-Signature"), signature);
        break;
    case Provider::AzureDevOps:
        headers << qMakePair(QByteArray("Authorization"), "Basic " + ("pipekit:" + secret).toBase64());
        break;
    }
    return headers;
}

WebhookRequest WebhookFixtures::request(Provider provider, const QByteArray &event, const QByteArray &body,
                                        const QByteArray &secret, const QByteArray &deliveryId)
{
    return WebhookRequest{ headers(provider, event, body, secret, deliveryId), body };
}

} // namespace forgelink::test
