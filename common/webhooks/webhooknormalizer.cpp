#include "webhooks/webhooknormalizer.h"

#include "json/jsonfields.h"

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

NormalizedEvent other(const QString &repo = QString())
{
    NormalizedEvent event;
    event.kind = QStringLiteral("other");
    event.repo = repo;
    return event;
}

} // namespace

Result<NormalizedEvents> WebhookNormalizer::normalize(Provider provider, const QString &event, JsonFields payload)
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

Result<NormalizedEvents> WebhookNormalizer::github(const QString &name, JsonFields body)
{
    NormalizedEvent event;
    event.repo = body.find({ "repository", "full_name" });

    if (name == u"ping") {
        event.kind = QStringLiteral("ping");
    } else if (name == u"push") {
        event.ref = body.string("ref");
        event.before = body.optionalString("before");
        event.after = body.optionalString("after");
        body.object("repository").string("full_name");
        const bool created = body.optionalBool("created").value_or(isZero(event.before));
        const bool deleted = body.optionalBool("deleted").value_or(isZero(event.after));
        event.kind = refChangeKind(event.ref, created, deleted);
    } else if (name == u"create" || name == u"delete") {
        const QString ref = body.string("ref");
        const QString type = body.string("ref_type");
        body.object("repository");
        const bool tag = type == u"tag";
        if (!tag && type != u"branch")
            return fail(QStringLiteral("ref_type: expected \"branch\" or \"tag\", got \"%1\"").arg(type));
        // create and delete carry a short ref and its type; forgelink always reports full refs.
        event.ref = (tag ? QStringLiteral("refs/tags/") : QStringLiteral("refs/heads/")) + ref;
        event.kind = name == u"create" ? (tag ? QStringLiteral("tag_created") : QStringLiteral("branch_created"))
                                       : (tag ? QStringLiteral("tag_deleted") : QStringLiteral("branch_deleted"));
    } else if (name == u"pull_request") {
        const QString action = body.string("action");
        JsonFields pullRequest = body.object("pull_request");
        body.object("repository");
        event.pullRequest = body.has("number") ? body.integer("number")
                                                               : pullRequest.integer("number");
        JsonFields head = pullRequest.object("head");
        event.sourceBranch = head.string("ref");
        event.targetBranch = pullRequest.object("base").string("ref");
        event.ref = QStringLiteral("refs/heads/") + event.sourceBranch;
        event.after = head.optionalString("sha");
        if (action == u"opened") {
            event.kind = QStringLiteral("pull_request_opened");
        } else if (action == u"synchronize") {
            event.kind = QStringLiteral("pull_request_updated");
            event.before = body.optionalString("before");
            if (body.has("after"))
                event.after = body.optionalString("after");
        } else if (action == u"closed") {
            const bool merged = pullRequest.optionalBool("merged").value_or(false);
            event.kind = merged ? QStringLiteral("pull_request_merged") : QStringLiteral("pull_request_closed");
        } else if (action == u"reopened") {
            event.kind = QStringLiteral("pull_request_reopened");
        } else {
            event.kind = QStringLiteral("other");
        }
    } else if (name == u"repository") {
        const QString action = body.string("action");
        JsonFields repository = body.object("repository");
        repository.string("full_name");
        repository.integer("id"); // the repository cache keys on it
        if (action == u"created")
            event.kind = QStringLiteral("repository_created");
        else if (action == u"renamed")
            event.kind = QStringLiteral("repository_renamed");
        else if (action == u"deleted")
            event.kind = QStringLiteral("repository_deleted");
        else
            event.kind = QStringLiteral("other");
    } else if (name == u"installation" || name == u"installation_repositories") {
        body.string("action");
        body.object("installation").integer("id");
        // The repository cache keys on these ids.
        for (const char *list : { "repositories", "repositories_added", "repositories_removed" }) {
            for (JsonFields repository : body.optionalObjects(list))
                repository.integer("id");
        }
        event.kind = QStringLiteral("installation_changed");
    } else {
        event.kind = QStringLiteral("other");
    }
    return finish(body, { event });
}

Result<NormalizedEvents> WebhookNormalizer::gitlab(const QString &name, JsonFields body)
{
    NormalizedEvent event;
    if (name == u"Push Hook" || name == u"Tag Push Hook") {
        event.repo = body.object("project").string("path_with_namespace");
        event.ref = body.string("ref");
        event.before = body.string("before");
        event.after = body.string("after");
        event.kind = refChangeKind(event.ref, isZero(event.before), isZero(event.after));
    } else if (name == u"Merge Request Hook") {
        event.repo = body.object("project").string("path_with_namespace");
        JsonFields attributes = body.object("object_attributes");
        event.pullRequest = attributes.integer("iid");
        event.sourceBranch = attributes.string("source_branch");
        event.targetBranch = attributes.string("target_branch");
        event.ref = QStringLiteral("refs/heads/") + event.sourceBranch;
        if (auto lastCommit = attributes.optionalObject("last_commit"))
            event.after = lastCommit->optionalString("id");
        const QString action = attributes.optionalString("action");
        if (action == u"open") {
            event.kind = QStringLiteral("pull_request_opened");
        } else if (action == u"reopen") {
            event.kind = QStringLiteral("pull_request_reopened");
        } else if (action == u"close") {
            event.kind = QStringLiteral("pull_request_closed");
        } else if (action == u"merge") {
            event.kind = QStringLiteral("pull_request_merged");
        } else if (action == u"update" && attributes.has("oldrev")) {
            // oldrev is present only when the source branch got new commits.
            event.kind = QStringLiteral("pull_request_updated");
            event.before = attributes.optionalString("oldrev");
        } else {
            event.kind = QStringLiteral("other");
        }
    } else {
        event.repo = body.find({ "project", "path_with_namespace" });
        event.kind = QStringLiteral("other");
    }
    return finish(body, { event });
}

Result<NormalizedEvents> WebhookNormalizer::bitbucket(const QString &name, JsonFields body)
{
    auto repoPath = [](JsonFields repository) {
        const QString key = repository.object("project").string("key");
        return key + QLatin1Char('/') + repository.string("slug");
    };

    if (name == u"diagnostics:ping") {
        NormalizedEvent ping;
        ping.kind = QStringLiteral("ping");
        return NormalizedEvents{ ping };
    }
    if (name == u"repo:refs_changed") {
        const QString repo = repoPath(body.object("repository"));
        NormalizedEvents events;
        for (JsonFields change : body.objects("changes")) {
            NormalizedEvent event;
            event.repo = repo;
            event.ref = change.optionalString("refId");
            if (event.ref.isEmpty())
                event.ref = change.object("ref").string("id");
            event.before = change.optionalString("fromHash");
            event.after = change.optionalString("toHash");
            const QString type = change.string("type");
            event.kind = refChangeKind(event.ref, type == u"ADD", type == u"DELETE");
            events << event;
        }
        if (events.isEmpty() && body.ok())
            events << other(repo);
        return finish(body, events);
    }
    if (name.startsWith(QLatin1String("pr:"))) {
        JsonFields pullRequest = body.object("pullRequest");
        JsonFields fromRef = pullRequest.object("fromRef");
        JsonFields toRef = pullRequest.object("toRef");
        NormalizedEvent event;
        event.repo = repoPath(toRef.object("repository"));
        event.pullRequest = pullRequest.integer("id");
        event.ref = fromRef.string("id");
        event.sourceBranch = shortBranch(event.ref);
        event.targetBranch = shortBranch(toRef.string("id"));
        event.after = fromRef.optionalString("latestCommit");
        if (name == u"pr:opened") {
            event.kind = QStringLiteral("pull_request_opened");
        } else if (name == u"pr:from_ref_updated") {
            event.kind = QStringLiteral("pull_request_updated");
            event.before = body.optionalString("previousFromHash");
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
    const QString key = body.find({ "repository", "project", "key" });
    const QString slug = body.find({ "repository", "slug" });
    return NormalizedEvents{ other(key.isEmpty() || slug.isEmpty() ? QString() : key + QLatin1Char('/') + slug) };
}

Result<NormalizedEvents> WebhookNormalizer::azureDevOps(const QString &name, JsonFields body)
{
    auto repoPath = [](JsonFields repository) {
        const QString project = repository.object("project").string("name");
        return project + QLatin1Char('/') + repository.string("name");
    };

    if (name == u"git.push") {
        JsonFields resource = body.object("resource");
        const QString repo = repoPath(resource.object("repository"));
        NormalizedEvents events;
        for (JsonFields update : resource.objects("refUpdates")) {
            NormalizedEvent event;
            event.repo = repo;
            event.ref = update.string("name");
            event.before = update.optionalString("oldObjectId");
            event.after = update.optionalString("newObjectId");
            event.kind = refChangeKind(event.ref, isZero(event.before), isZero(event.after));
            events << event;
        }
        if (events.isEmpty() && body.ok())
            events << other(repo);
        return finish(body, events);
    }
    if (name.startsWith(QLatin1String("git.pullrequest."))) {
        JsonFields resource = body.object("resource");
        NormalizedEvent event;
        event.repo = repoPath(resource.object("repository"));
        event.pullRequest = resource.integer("pullRequestId");
        event.ref = resource.string("sourceRefName");
        event.sourceBranch = shortBranch(event.ref);
        event.targetBranch = shortBranch(resource.string("targetRefName"));
        if (auto commit = resource.optionalObject("lastMergeSourceCommit"))
            event.after = commit->optionalString("commitId");
        const QString status = resource.optionalString("status");
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
    const QString project = body.find({ "resource", "repository",
                                              "project", "name" });
    const QString repository = body.find({ "resource", "repository", "name" });
    return NormalizedEvents{ other(project.isEmpty() || repository.isEmpty() ? QString() : project + QLatin1Char('/') + repository) };
}

} // namespace forgelink
