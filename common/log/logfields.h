#pragma once

#include <QList>
#include <QPair>
#include <QString>

#include <initializer_list>

namespace forgelink {

// Named values that the log lines written while it lives carry as JSON fields (provider,
// deliveryId, target), on this thread. Set around the line that needs them:
//   const LogFields fields{ { "provider", "github" }, { "deliveryId", id } };
//   qCInfo(lcWebhooks) << ...;
class LogFields {
public:
    using Field = QPair<const char *, QString>;

    LogFields(std::initializer_list<Field> fields);
    ~LogFields();
    LogFields(const LogFields &) = delete;
    LogFields &operator=(const LogFields &) = delete;

    // Every field set on this thread now, outermost first.
    static QList<Field> current();

private:
    QList<Field> m_fields;
    const LogFields *m_outer;
};

} // namespace forgelink
