#pragma once

#include <QByteArray>
#include <QString>

namespace forgelink::test {

// A private certificate authority made at test time, and a server certificate it signed for
// 127.0.0.1 and localhost: what an on-prem provider behind a company CA presents.
class TestCertificates {
public:
    TestCertificates();

    QByteArray caPem() const { return m_caPem; }
    QByteArray serverCertificatePem() const { return m_serverPem; }
    QByteArray serverKeyPem() const { return m_serverKeyPem; }

    // Writes ca.pem, server.pem and server.key into `directory`; false when it cannot.
    bool writeTo(const QString &directory) const;

private:
    QByteArray m_caPem;
    QByteArray m_serverPem;
    QByteArray m_serverKeyPem;
};

} // namespace forgelink::test
