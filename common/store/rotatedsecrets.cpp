#include "store/rotatedsecrets.h"

#include "store/storedprovider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace forgelink {

Result<void> RotatedSecrets::set(Provider provider, const QList<QByteArray> &secrets)
{
    QJsonArray list;
    for (const QByteArray &secret : secrets)
        list.append(QString::fromUtf8(secret));
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO webhook_secrets (provider, secrets, updated_at) VALUES (?, ?, ?)"
                                 " ON CONFLICT (provider) DO UPDATE SET secrets = excluded.secrets, updated_at = excluded.updated_at"));
    query.addBindValue(providerId(provider));
    query.addBindValue(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact)));
    query.addBindValue(Database::now());
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot store the webhook secrets"), query.lastError()));
    return {};
}

Result<QHash<Provider, QList<QByteArray>>> RotatedSecrets::all()
{
    QSqlQuery query(db());
    if (!query.exec(QStringLiteral("SELECT provider, secrets FROM webhook_secrets")))
        return fail(m_database.error(QStringLiteral("cannot read the webhook secrets"), query.lastError()));
    QHash<Provider, QList<QByteArray>> secrets;
    while (query.next()) {
        const auto provider = StoredProvider::read(query.value(0), "webhook_secrets");
        if (!provider)
            continue;
        QList<QByteArray> list;
        for (const QJsonValue &secret : QJsonDocument::fromJson(query.value(1).toString().toUtf8()).array())
            list << secret.toString().toUtf8();
        if (!list.isEmpty())
            secrets.insert(*provider, list);
    }
    return secrets;
}

} // namespace forgelink
