#include "store/storedprovider.h"

#include "log/logformat.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QSet>

namespace forgelink {

namespace {
Q_LOGGING_CATEGORY(lcStore, "forgelink.store", QtInfoMsg)
}

std::optional<Provider> StoredProvider::read(const QVariant &column, const char *table)
{
    const QString id = column.toString();
    if (std::optional<Provider> provider = providerFromId(id))
        return provider;
    static QMutex mutex;
    static QSet<QString> said;
    const QString key = QLatin1String(table) + QLatin1Char('/') + id;
    QMutexLocker locker(&mutex);
    if (!said.contains(key)) {
        said.insert(key);
        qCWarning(lcStore).noquote() << QStringLiteral("the %1 table holds rows of provider \"%2\", which this forgelink does not know"
                                               " (a newer version wrote them); they are skipped here and left to an agent that knows it")
                                        .arg(QLatin1String(table), LogFormat::printable(id));
    }
    return std::nullopt;
}

QString StoredProvider::knownIdList()
{
    QStringList quoted;
    for (Provider provider : allProviders())
        quoted << QLatin1Char('\'') + providerId(provider) + QLatin1Char('\'');
    return quoted.join(QStringLiteral(", "));
}

} // namespace forgelink
