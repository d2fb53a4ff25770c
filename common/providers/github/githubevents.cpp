#include "providers/github/githubevents.h"

#include "core/repositorychange.h"
#include "webhooks/delivery.h"
#include "webhooks/eventkinds.h"
#include "webhooks/formurlencoding.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace forgelink {

namespace {

Repository githubRepository(const QJsonObject &object)
{
    Repository repository;
    repository.provider = Provider::GitHub;
    // The normalizer refused ids that are not integers in range; this is the second line.
    const QJsonValue id = object.value(QStringLiteral("id"));
    const double number = id.toDouble();
    repository.id = id.isDouble() && number >= 1 && number <= 9.0e15 && number == qint64(number) ? QString::number(qint64(number)) : QString();
    repository.fullPath = object.value(QStringLiteral("full_name")).toString();
    repository.name = object.value(QStringLiteral("name")).toString();
    repository.defaultBranch = object.value(QStringLiteral("default_branch")).toString();
    repository.visibility = object.value(QStringLiteral("visibility")).toString();
    if (repository.visibility.isEmpty() && object.value(QStringLiteral("private")).isBool())
        repository.visibility = object.value(QStringLiteral("private")).toBool() ? QStringLiteral("private") : QStringLiteral("public");
    if (object.value(QStringLiteral("archived")).isBool())
        repository.archived = object.value(QStringLiteral("archived")).toBool();
    repository.webUrl = object.value(QStringLiteral("html_url")).toString();
    repository.cloneUrl = object.value(QStringLiteral("clone_url")).toString();
    return repository;
}

QJsonObject payloadOf(const Delivery &delivery)
{
    QByteArray json = delivery.body;
    if (json.startsWith("payload=")) // GitHub's form content type
        json = FormUrlEncoding::field(json, "payload").value_or(QByteArray());
    return QJsonDocument::fromJson(json).object();
}

} // namespace

Result<NormalizedEvents> GitHubEvents::normalize(const QString &name, JsonFields body)
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
        const bool created = body.optionalBool("created").value_or(EventKinds::isZeroSha(event.before));
        const bool deleted = body.optionalBool("deleted").value_or(EventKinds::isZeroSha(event.after));
        event.kind = EventKinds::refChange(event.ref, created, deleted);
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
    return EventKinds::checked(body, { event });
}


QList<RepositoryChange> GitHubEvents::repositoryChanges(const Delivery &delivery)
{
    using Kind = RepositoryChange::Kind;
    QList<RepositoryChange> changes;
    const bool relevant = delivery.event == u"repository" || delivery.event == u"installation_repositories"
            || delivery.event == u"installation";
    if (!relevant)
        return changes;
    const QJsonObject payload = payloadOf(delivery);
    const QString action = payload.value(QStringLiteral("action")).toString();
    auto each = [&changes](const QJsonValue &list, Kind kind) {
        for (const QJsonValue &item : list.toArray()) {
            Repository repository = githubRepository(item.toObject());
            if (!repository.id.isEmpty() && !repository.fullPath.isEmpty())
                changes << RepositoryChange{ kind, repository };
        }
    };

    if (delivery.event == u"repository") {
        const Repository repository = githubRepository(payload.value(QStringLiteral("repository")).toObject());
        if (repository.id.isEmpty() || repository.fullPath.isEmpty())
            return changes;
        changes << RepositoryChange{ action == u"deleted" ? Kind::Remove : Kind::Upsert, repository };
    } else if (delivery.event == u"installation_repositories") {
        each(payload.value(QStringLiteral("repositories_added")), Kind::AddIfAbsent);
        each(payload.value(QStringLiteral("repositories_removed")), Kind::Remove);
    } else if (action == u"deleted") {
        each(payload.value(QStringLiteral("repositories")), Kind::Remove);
    } else if (action == u"created") {
        each(payload.value(QStringLiteral("repositories")), Kind::AddIfAbsent);
    }
    return changes;
}

} // namespace forgelink
