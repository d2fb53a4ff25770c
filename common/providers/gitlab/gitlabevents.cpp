#include "providers/gitlab/gitlabevents.h"

#include "webhooks/eventkinds.h"

namespace forgelink {

Result<NormalizedEvents> GitLabEvents::normalize(const QString &name, JsonFields body)
{
    NormalizedEvent event;
    if (name == u"Push Hook" || name == u"Tag Push Hook") {
        event.repo = body.object("project").string("path_with_namespace");
        event.ref = body.string("ref");
        event.before = body.string("before");
        event.after = body.string("after");
        event.kind = EventKinds::refChange(event.ref, EventKinds::isZeroSha(event.before), EventKinds::isZeroSha(event.after));
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
    return EventKinds::checked(body, { event });
}

} // namespace forgelink
