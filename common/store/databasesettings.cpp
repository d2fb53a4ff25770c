#include "store/databasesettings.h"

namespace forgelink {

QString DatabaseSettings::displayName() const
{
    if (driver == u"QSQLITE")
        return QStringLiteral("sqlite://") + sqlitePath;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(name);
}

} // namespace forgelink
