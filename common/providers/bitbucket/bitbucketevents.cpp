#include "providers/bitbucket/bitbucketevents.h"

#include "webhooks/eventkinds.h"

namespace forgelink {

Result<NormalizedEvents> BitbucketEvents::normalize(const QString &name, JsonFields body)
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
            event.kind = EventKinds::refChange(event.ref, type == u"ADD", type == u"DELETE");
            events << event;
        }
        if (events.isEmpty() && body.ok())
            events << EventKinds::other(repo);
        return EventKinds::checked(body, events);
    }
    if (name.startsWith(QLatin1String("pr:"))) {
        JsonFields pullRequest = body.object("pullRequest");
        JsonFields fromRef = pullRequest.object("fromRef");
        JsonFields toRef = pullRequest.object("toRef");
        NormalizedEvent event;
        event.repo = repoPath(toRef.object("repository"));
        event.pullRequest = pullRequest.integer("id");
        event.ref = fromRef.string("id");
        event.sourceBranch = EventKinds::shortBranch(event.ref);
        event.targetBranch = EventKinds::shortBranch(toRef.string("id"));
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
        return EventKinds::checked(body, { event });
    }
    const QString key = body.find({ "repository", "project", "key" });
    const QString slug = body.find({ "repository", "slug" });
    return NormalizedEvents{ EventKinds::other(key.isEmpty() || slug.isEmpty() ? QString() : key + QLatin1Char('/') + slug) };
}

} // namespace forgelink
