#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>

namespace forgelink {

// The wizard's secrets in the OS keychain through QtKeychain (the Secret Service, KWallet, the
// macOS Keychain, Windows' credential store). Every operation is a job: nothing here blocks the
// page. Without a keychain, probe() says so and the wizard keeps secrets in memory only.
class SecretStore : public QObject {
    Q_OBJECT

public:
    explicit SecretStore(QString service, QObject *parent = nullptr);

    void probe(std::function<void(bool available, const QString &error)> done);
    // An empty value removes the entry.
    void write(const QString &key, const QString &value);
    void read(const QStringList &keys, std::function<void(const QHash<QString, QString> &values)> done);
    bool isAvailable() const { return m_available; }

Q_SIGNALS:
    void failed(const QString &error);

private:
    QString m_service;
    bool m_available = false;
};

} // namespace forgelink
