#include "agentprocess.h"

#include "testpaths.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QRegularExpression>

#include <csignal>

namespace forgelink::test {

AgentProcess::AgentProcess(const QByteArray &configBody)
{
    // Defaults the test's own config may override.
    QByteArray config = configBody;
    if (!config.contains("database:"))
        config.prepend("database: sqlite://forgelink.db\n");
    if (!config.contains("listen:"))
        config.prepend("listen: 127.0.0.1:0\n");
    static const QRegularExpression fixed(QStringLiteral("listen: 127\\.0\\.0\\.1:(\\d+)"));
    m_fixedPort = quint16(fixed.match(QString::fromUtf8(config)).captured(1).toUInt());
    TestPaths::writeFile(configPath(), config);
}

AgentProcess::~AgentProcess()
{
    kill();
}

QString AgentProcess::configPath() const
{
    return m_dir.filePath(QStringLiteral("agent.yaml"));
}

QString AgentProcess::databasePath() const
{
    return m_dir.filePath(QStringLiteral("forgelink.db"));
}

bool AgentProcess::start(int timeoutMs)
{
    m_process.setProgram(TestPaths::agentBinary());
    m_process.setArguments(QStringList{ QStringLiteral("serve"), QStringLiteral("--config"), configPath() } + m_extra);
    // The log goes to a file: a pipe nobody reads would fill up and stall the agent.
    m_process.setStandardErrorFile(m_dir.filePath(QStringLiteral("agent.log")));
    m_process.setStandardOutputFile(QProcess::nullDevice());
    m_process.start();
    if (!m_process.waitForStarted(timeoutMs))
        return false;
    static const QRegularExpression listening(QStringLiteral("listening on [^ ]+:(\\d+)"));
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        m_process.waitForFinished(50);
        if (m_fixedPort != 0) {
            // A quiet log (--log-level warning) does not say where it listens: knock.
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, m_fixedPort);
            if (probe.waitForConnected(200)) {
                m_port = m_fixedPort;
                return true;
            }
        }
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(log()));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
        if (m_process.state() != QProcess::Running)
            return false;
    }
    return false;
}

int AgentProcess::terminate(int timeoutMs)
{
    if (m_process.state() != QProcess::Running)
        return -1;
    m_process.terminate();
    if (!m_process.waitForFinished(timeoutMs))
        return -1;
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

int AgentProcess::waitForExit(int timeoutMs)
{
    if (m_process.state() != QProcess::NotRunning && !m_process.waitForFinished(timeoutMs))
        return -1;
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void AgentProcess::kill()
{
    if (m_process.state() == QProcess::Running) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

namespace {
qint64 statusField(qint64 pid, const QByteArray &field)
{
    const QByteArray status = TestPaths::readFile(QStringLiteral("/proc/%1/status").arg(pid));
    for (const QByteArray &line : status.split('\n')) {
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}
} // namespace

qint64 AgentProcess::rssKiB() const
{
    return statusField(pid(), "VmRSS");
}

qint64 AgentProcess::peakRssKiB() const
{
    return statusField(pid(), "VmHWM");
}

void AgentProcess::signal(int number)
{
    if (m_process.state() == QProcess::Running)
        ::kill(pid_t(m_process.processId()), number);
}

QByteArray AgentProcess::log()
{
    return TestPaths::readFile(m_dir.filePath(QStringLiteral("agent.log")));
}

const QByteArray AgentProcess::kAllProviders = "providers:\n"
                                               "  github: {appId: 1, webhookSecret: github-secret-value}\n"
                                               "  gitlab: {webhookSecret: gitlab-secret-value}\n"
                                               "  bitbucket: {url: https://bitbucket.example.com, webhookSecret: bitbucket-secret-value}\n"
                                               "  azureDevOps: {organizationUrl: https://dev.azure.com/acme, webhookBasicAuthUser: pipekit,\n"
                                               "                webhookBasicAuthPass: azure-password-value}\n";

QByteArray AgentProcess::webhookSecret(Provider provider)
{
    switch (provider) {
    case Provider::GitHub: return "github-secret-value";
    case Provider::GitLab: return "gitlab-secret-value";
    case Provider::Bitbucket: return "bitbucket-secret-value";
    case Provider::AzureDevOps: return "azure-password-value";
    }
    return {};
}

QList<QJsonObject> AgentProcess::Run::jsonLines() const
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty())
            objects << QJsonDocument::fromJson(line).object();
    }
    return objects;
}

AgentProcess::Run AgentProcess::command(const QStringList &arguments, int timeoutMs) const
{
    QProcess process;
    process.start(TestPaths::agentBinary(), arguments + QStringList{ QStringLiteral("--config"), configPath() });
    Run run;
    if (!process.waitForFinished(timeoutMs))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace forgelink::test
