#include "providers/azuredevops/azuredevopsevents.h"

#include "webhooks/eventkinds.h"

namespace forgelink {

Result<NormalizedEvents> AzureDevOpsEvents::normalize(const QString &name, JsonFields body)
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
            event.kind = EventKinds::refChange(event.ref, EventKinds::isZeroSha(event.before), EventKinds::isZeroSha(event.after));
            events << event;
        }
        if (events.isEmpty() && body.ok())
            events << EventKinds::other(repo);
        return EventKinds::checked(body, events);
    }
    if (name.startsWith(QLatin1String("git.pullrequest."))) {
        JsonFields resource = body.object("resource");
        NormalizedEvent event;
        event.repo = repoPath(resource.object("repository"));
        event.pullRequest = resource.integer("pullRequestId");
        event.ref = resource.string("sourceRefName");
        event.sourceBranch = EventKinds::shortBranch(event.ref);
        event.targetBranch = EventKinds::shortBranch(resource.string("targetRefName"));
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
        return EventKinds::checked(body, { event });
    }
    const QString project = body.find({ "resource", "repository",
                                              "project", "name" });
    const QString repository = body.find({ "resource", "repository", "name" });
    return NormalizedEvents{ EventKinds::other(project.isEmpty() || repository.isEmpty() ? QString() : project + QLatin1Char('/') + repository) };
}

} // namespace forgelink
