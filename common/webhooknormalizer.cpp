#include "webhooknormalizer.h"

#include "jsonfields.h"

namespace forgelink {

namespace {

bool isZero(const QString &sha)
{
    return !sha.isEmpty() && sha.count(QLatin1Char('0')) == sha.size();
}

QString shortBranch(const QString &ref)
{
    return ref.startsWith(QLatin1String("refs/heads/")) ? ref.mid(11) : ref;
}

// The kind of a ref update from what it was and what it became.
QString refChangeKind(const QString &ref, bool created, bool deleted)
{
    if (ref.startsWith(QLatin1String("refs/tags/")))
        return created ? QStringLiteral("tag_created") : deleted ? QStringLiteral("tag_deleted") : QStringLiteral("tag_updated");
    return created ? QStringLiteral("branch_created") : deleted ? QStringLiteral("branch_deleted") : QStringLiteral("push");
}

Result<NormalizedEvents> finish(const JsonFields &fields, NormalizedEvents events)
{
    if (!fields.ok())
        return fail(fields.error());
    return events;
}

// A string found by following keys, or empty: for events forgelink does not use, whose shape it
// does not judge.
QString lookup(const QJsonObject &object, std::initializer_list<QString> keys)
{
    QJsonValue value = object;
    for (const QString &key : keys)
        value = value.toObject().value(key);
    return value.toString();
}

NormalizedEvent other(const QString &repo = QString())
{
    NormalizedEvent event;
    event.kind = QStringLiteral("other");
    event.repo = repo;
    return event;
}

} // namespace

Result<NormalizedEvents> WebhookNormalizer::normalize(Provider provider, const QString &event, const QJsonObject &payload)
{
    switch (provider) {
    case Provider::GitHub:
        return github(event, payload);
    case Provider::GitLab:
        return gitlab(event, payload);
    case Provider::Bitbucket:
        return bitbucket(event, payload);
    case Provider::AzureDevOps:
        return azureDevOps(event, payload);
    }
    return fail(QStringLiteral("unknown provider"));
}

Result<NormalizedEvents> WebhookNormalizer::github(const QString &name, const QJsonObject &payload)
{
    JsonFields body(payload);
    NormalizedEvent event;
    event.repo = lookup(payload, { QStringLiteral("repository"), QStringLiteral("full_name") });

    if (name == u"ping") {
        event.kind = QStringLiteral("ping");
    } else if (name == u"push") {
        event.ref = body.string(QStringLiteral("ref"));
        event.before = body.optionalString(QStringLiteral("before"));
        event.after = body.optionalString(QStringLiteral("after"));
        body.object(QStringLiteral("repository")).string(QStringLiteral("full_name"));
        const bool created = body.optionalBool(QStringLiteral("created")).value_or(isZero(event.before));
        const bool deleted = body.optionalBool(QStringLiteral("deleted")).value_or(isZero(event.after));
        event.kind = refChangeKind(event.ref, created, deleted);
    } else if (name == u"create" || name == u"delete") {
        const QString ref = body.string(QStringLiteral("ref"));
        const QString type = body.string(QStringLiteral("ref_type"));
        body.object(QStringLiteral("repository"));
        const bool tag = type == u"tag";
        if (!tag && type != u"branch")
            return fail(QStringLiteral("ref_type: expected \"branch\" or \"tag\", got \"%1\"").arg(type));
        // create and delete carry a short ref and its type; forgelink always reports full refs.
        event.ref = (tag ? QStringLiteral("refs/tags/") : QStringLiteral("refs/heads/")) + ref;
        event.kind = name == u"create" ? (tag ? QStringLiteral("tag_created") : QStringLiteral("branch_created"))
                                       : (tag ? QStringLiteral("tag_deleted") : QStringLiteral("branch_deleted"));
    } else if (name == u"pull_request") {
        const QString action = body.string(QStringLiteral("action"));
        JsonFields pullRequest = body.object(QStringLiteral("pull_request"));
        body.object(QStringLiteral("repository"));
        event.pullRequest = body.has(QStringLiteral("number")) ? body.integer(QStringLiteral("number"))
                                                               : pullRequest.integer(QStringLiteral("number"));
        JsonFields head = pullRequest.object(QStringLiteral("head"));
        event.sourceBranch = head.string(QStringLiteral("ref"));
        event.targetBranch = pullRequest.object(QStringLiteral("base")).string(QStringLiteral("ref"));
        event.ref = QStringLiteral("refs/heads/") + event.sourceBranch;
        event.after = head.optionalString(QStringLiteral("sha"));
        if (action == u"opened") {
            event.kind = QStringLiteral("pull_request_opened");
        } else if (action == u"synchronize") {
            event.kind = QStringLiteral("pull_request_updated");
            event.before = body.optionalString(QStringLiteral("before"));
            if (body.has(QStringLiteral("after")))
                event.after = body.optionalString(QStringLiteral("after"));
        } else if (action == u"closed") {
            const bool merged = pullRequest.optionalBool(QStringLiteral("merged")).value_or(false);
            event.kind = merged ? QStringLiteral("pull_request_merged") : QStringLiteral("pull_request_closed");
        } else if (action == u"reopened") {
            event.kind = QStringLiteral("pull_request_reopened");
        } else {
            event.kind = QStringLiteral("other");
        }
    } else if (name == u"repository") {
        const QString action = body.string(QStringLiteral("action"));
        body.object(QStringLiteral("repository")).string(QStringLiteral("full_name"));
        if (action == u"created")
            event.kind = QStringLiteral("repository_created");
        else if (action == u"renamed")
            event.kind = QStringLiteral("repository_renamed");
        else if (action == u"deleted")
            event.kind = QStringLiteral("repository_deleted");
        else
            event.kind = QStringLiteral("other");
    } else if (name == u"installation" || name == u"installation_repositories") {
        body.string(QStringLiteral("action"));
        body.object(QStringLiteral("installation")).integer(QStringLiteral("id"));
        event.kind = QStringLiteral("installation_changed");
    } else {
        event.kind = QStringLiteral("other");
    }
    return finish(body, { event });
}

Result<NormalizedEvents> WebhookNormalizer::gitlab(const QString &name, const QJsonObject &payload)
{
    JsonFields body(payload);
    NormalizedEvent event;
    if (name == u"Push Hook" || name == u"Tag Push Hook") {
        event.repo = body.object(QStringLiteral("project")).string(QStringLiteral("path_with_namespace"));
        event.ref = body.string(QStringLiteral("ref"));
        event.before = body.string(QStringLiteral("before"));
        event.after = body.string(QStringLiteral("after"));
        event.kind = refChangeKind(event.ref, isZero(event.before), isZero(event.after));
    } else if (name == u"Merge Request Hook") {
        event.repo = body.object(QStringLiteral("project")).string(QStringLiteral("path_with_namespace"));
        JsonFields attributes = body.object(QStringLiteral("object_attributes"));
        event.pullRequest = attributes.integer(QStringLiteral("iid"));
        event.sourceBranch = attributes.string(QStringLiteral("source_branch"));
        event.targetBranch = attributes.string(QStringLiteral("target_branch"));
        event.ref = QStringLiteral("refs/heads/") + event.sourceBranch;
        if (const auto lastCommit = attributes.optionalObject(QStringLiteral("last_commit")))
            event.after = JsonFields(*lastCommit).optionalString(QStringLiteral("id"));
        const QString action = attributes.optionalString(QStringLiteral("action"));
        if (action == u"open") {
            event.kind = QStringLiteral("pull_request_opened");
        } else if (action == u"reopen") {
            event.kind = QStringLiteral("pull_request_reopened");
        } else if (action == u"close") {
            event.kind = QStringLiteral("pull_request_closed");
        } else if (action == u"merge") {
            event.kind = QStringLiteral("pull_request_merged");
        } else if (action == u"update" && attributes.has(QStringLiteral("oldrev"))) {
            // oldrev is present only when the source branch got new commits.
            event.kind = QStringLiteral("pull_request_updated");
            event.before = attributes.optionalString(QStringLiteral("oldrev"));
        } else {
            event.kind = QStringLiteral("other");
        }
    } else {
        event.repo = lookup(payload, { QStringLiteral("project"), QStringLiteral("path_with_namespace") });
        event.kind = QStringLiteral("other");
    }
    return finish(body, { event });
}

Result<NormalizedEvents> WebhookNormalizer::bitbucket(const QString &name, const QJsonObject &payload)
{
    JsonFields body(payload);
    auto repoPath = [](JsonFields repository) {
        const QString key = repository.object(QStringLiteral("project")).string(QStringLiteral("key"));
        return key + QLatin1Char('/') + repository.string(QStringLiteral("slug"));
    };

    if (name == u"diagnostics:ping") {
        NormalizedEvent ping;
        ping.kind = QStringLiteral("ping");
        return NormalizedEvents{ ping };
    }
    if (name == u"repo:refs_changed") {
        const QString repo = repoPath(body.object(QStringLiteral("repository")));
        const QJsonArray changes = body.array(QStringLiteral("changes"));
        NormalizedEvents events;
        for (qsizetype i = 0; i < changes.size(); ++i) {
            JsonFields change = body.element(QStringLiteral("changes"), i, changes.at(i));
            NormalizedEvent event;
            event.repo = repo;
            event.ref = change.optionalString(QStringLiteral("refId"));
            if (event.ref.isEmpty())
                event.ref = change.object(QStringLiteral("ref")).string(QStringLiteral("id"));
            event.before = change.optionalString(QStringLiteral("fromHash"));
            event.after = change.optionalString(QStringLiteral("toHash"));
            const QString type = change.string(QStringLiteral("type"));
            event.kind = refChangeKind(event.ref, type == u"ADD", type == u"DELETE");
            events << event;
        }
        if (events.isEmpty() && body.ok())
            events << other(repo);
        return finish(body, events);
    }
    if (name.startsWith(QLatin1String("pr:"))) {
        JsonFields pullRequest = body.object(QStringLiteral("pullRequest"));
        JsonFields fromRef = pullRequest.object(QStringLiteral("fromRef"));
        JsonFields toRef = pullRequest.object(QStringLiteral("toRef"));
        NormalizedEvent event;
        event.repo = repoPath(toRef.object(QStringLiteral("repository")));
        event.pullRequest = pullRequest.integer(QStringLiteral("id"));
        event.ref = fromRef.string(QStringLiteral("id"));
        event.sourceBranch = shortBranch(event.ref);
        event.targetBranch = shortBranch(toRef.string(QStringLiteral("id")));
        event.after = fromRef.optionalString(QStringLiteral("latestCommit"));
        if (name == u"pr:opened") {
            event.kind = QStringLiteral("pull_request_opened");
        } else if (name == u"pr:from_ref_updated") {
            event.kind = QStringLiteral("pull_request_updated");
            event.before = body.optionalString(QStringLiteral("previousFromHash"));
        } else if (name == u"pr:merged") {
            event.kind = QStringLiteral("pull_request_merged");
        } else if (name == u"pr:declined" || name == u"pr:deleted") {
            event.kind = QStringLiteral("pull_request_closed");
        } else if (name == u"pr:reopened") {
            event.kind = QStringLiteral("pull_request_reopened");
        } else {
            event.kind = QStringLiteral("other");
        }
        return finish(body, { event });
    }
    const QString key = lookup(payload, { QStringLiteral("repository"), QStringLiteral("project"), QStringLiteral("key") });
    const QString slug = lookup(payload, { QStringLiteral("repository"), QStringLiteral("slug") });
    return NormalizedEvents{ other(key.isEmpty() || slug.isEmpty() ? QString() : key + QLatin1Char('/') + slug) };
}

Result<NormalizedEvents> WebhookNormalizer::azureDevOps(const QString &name, const QJsonObject &payload)
{
    JsonFields body(payload);
    auto repoPath = [](JsonFields repository) {
        const QString project = repository.object(QStringLiteral("project")).string(QStringLiteral("name"));
        return project + QLatin1Char('/') + repository.string(QStringLiteral("name"));
    };

    if (name == u"git.push") {
        JsonFields resource = body.object(QStringLiteral("resource"));
        const QString repo = repoPath(resource.object(QStringLiteral("repository")));
        const QJsonArray updates = resource.array(QStringLiteral("refUpdates"));
        NormalizedEvents events;
        for (qsizetype i = 0; i < updates.size(); ++i) {
            JsonFields update = resource.element(QStringLiteral("refUpdates"), i, updates.at(i));
            NormalizedEvent event;
            event.repo = repo;
            event.ref = update.string(QStringLiteral("name"));
            event.before = update.optionalString(QStringLiteral("oldObjectId"));
            event.after = update.optionalString(QStringLiteral("newObjectId"));
            event.kind = refChangeKind(event.ref, isZero(event.before), isZero(event.after));
            events << event;
        }
        if (events.isEmpty() && body.ok())
            events << other(repo);
        return finish(body, events);
    }
    if (name.startsWith(QLatin1String("git.pullrequest."))) {
        JsonFields resource = body.object(QStringLiteral("resource"));
        NormalizedEvent event;
        event.repo = repoPath(resource.object(QStringLiteral("repository")));
        event.pullRequest = resource.integer(QStringLiteral("pullRequestId"));
        event.ref = resource.string(QStringLiteral("sourceRefName"));
        event.sourceBranch = shortBranch(event.ref);
        event.targetBranch = shortBranch(resource.string(QStringLiteral("targetRefName")));
        if (const auto commit = resource.optionalObject(QStringLiteral("lastMergeSourceCommit")))
            event.after = JsonFields(*commit).optionalString(QStringLiteral("commitId"));
        const QString status = resource.optionalString(QStringLiteral("status"));
        if (name == u"git.pullrequest.created") {
            event.kind = QStringLiteral("pull_request_opened");
        } else if (name == u"git.pullrequest.merged" || status == u"completed") {
            event.kind = QStringLiteral("pull_request_merged");
        } else if (status == u"abandoned") {
            event.kind = QStringLiteral("pull_request_closed");
        } else if (name == u"git.pullrequest.updated") {
            event.kind = QStringLiteral("pull_request_updated");
        } else {
            event.kind = QStringLiteral("other");
        }
        return finish(body, { event });
    }
    const QString project = lookup(payload, { QStringLiteral("resource"), QStringLiteral("repository"),
                                              QStringLiteral("project"), QStringLiteral("name") });
    const QString repository = lookup(payload, { QStringLiteral("resource"), QStringLiteral("repository"), QStringLiteral("name") });
    return NormalizedEvents{ other(project.isEmpty() || repository.isEmpty() ? QString() : project + QLatin1Char('/') + repository) };
}

} // namespace forgelink
