#include "sync/repositoryeventapplier.h"

#include "webhooks/formurlencoding.h"

#include <QJsonArray>
#include <QJsonDocument>

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

QList<RepositoryEventApplier::Change> RepositoryEventApplier::changesFor(const Delivery &delivery)
{
    using Kind = Change::Kind;
    QList<Change> changes;
    if (delivery.provider != Provider::GitHub)
        return changes;
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
                changes << Change{ kind, repository };
        }
    };

    if (delivery.event == u"repository") {
        const Repository repository = githubRepository(payload.value(QStringLiteral("repository")).toObject());
        if (repository.id.isEmpty() || repository.fullPath.isEmpty())
            return changes;
        changes << Change{ action == u"deleted" ? Kind::Remove : Kind::Upsert, repository };
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

Result<int> RepositoryEventApplier::apply(Store &store, const QList<Change> &changes)
{
    int changed = 0;
    for (const Change &change : changes) {
        switch (change.kind) {
        case Change::Kind::Upsert:
            if (Result<void> done = store.upsertRepository(change.repository); !done)
                return fail(done.error());
            ++changed;
            break;
        case Change::Kind::AddIfAbsent: {
            Result<bool> present = store.hasRepository(change.repository.provider, change.repository.id);
            if (!present)
                return fail(present.error());
            if (present.value())
                break;
            if (Result<void> done = store.upsertRepository(change.repository); !done)
                return fail(done.error());
            ++changed;
            break;
        }
        case Change::Kind::Remove: {
            Result<int> removed = store.removeRepository(change.repository.provider, change.repository.id);
            if (!removed)
                return fail(removed.error());
            changed += removed.value();
            break;
        }
        }
    }
    return changed;
}

} // namespace forgelink
