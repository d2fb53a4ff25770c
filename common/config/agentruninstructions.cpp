#include "config/agentruninstructions.h"

#include <QDir>

namespace forgelink {

namespace {

QString path(const QString &folder, const QString &file)
{
    return QDir(folder).absoluteFilePath(file);
}

} // namespace

QString AgentRunInstructions::kubernetes(const QString &folder)
{
    return QStringLiteral("kubectl apply -n pipekit -f %1\n"
                          "cp %2 resources/deploy/kubernetes/agent.yaml\n"
                          "kubectl apply -n pipekit -k resources/deploy/kubernetes")
            .arg(path(folder, QStringLiteral("kubernetes/forgelink-secrets.yaml")), path(folder, QStringLiteral("kubernetes/agent.yaml")));
}

QString AgentRunInstructions::systemd(const QString &folder)
{
    return systemdUnit(path(folder, QStringLiteral("agent.yaml")));
}

QString AgentRunInstructions::systemdUnit(const QString &config)
{
    // The unit's user reads the config through its group; the database goes to /var/lib/forgelink.
    return QStringLiteral("sudo cmake --install build && sudo systemd-sysusers\n"
                          "sudo install -d -o root -g forgelink -m 0750 /etc/forgelink\n"
                          "sudo install -o root -g forgelink -m 0640 %1 /etc/forgelink/agent.yaml\n"
                          "sudo systemctl daemon-reload && sudo systemctl enable --now forgelink-agent")
            .arg(config);
}

QString AgentRunInstructions::container(const QString &folder)
{
    // The image runs as uid 10001, which must read the config; the database goes to the volume.
    return QStringLiteral("docker build -t forgelink-agent .\n"
                          "sudo install -D -o 10001 -g 10001 -m 0600 %1 /etc/forgelink/agent.yaml\n"
                          "docker run -d --name forgelink-agent -p 8080:8080 \\\n"
                          "  -v /etc/forgelink/agent.yaml:/etc/forgelink/agent.yaml:ro \\\n"
                          "  -v forgelink-data:/var/lib/forgelink forgelink-agent")
            .arg(path(folder, QStringLiteral("agent.yaml")));
}

QString AgentRunInstructions::kustomization(const QString &folder)
{
    return QStringLiteral("kubectl apply -k %1\n"
                          "kubectl apply -k %2   # where the Prometheus Operator runs")
            .arg(path(folder, QStringLiteral("kubernetes")), path(folder, QStringLiteral("kubernetes/monitoring")));
}

QString AgentRunInstructions::vm(const QString &folder)
{
    return systemdUnit(path(folder, QStringLiteral("vm/agent.yaml")))
            + QStringLiteral("\nsudo install -m 0644 %1 /etc/nginx/snippets/forgelink.conf\n"
                             "# in Pipekit's server block for the domain: include snippets/forgelink.conf;\n"
                             "sudo nginx -t && sudo systemctl reload nginx")
                      .arg(path(folder, QStringLiteral("vm/nginx-forgelink.conf")));
}

QString AgentRunInstructions::containerFor(const QString &folder, const QString &image)
{
    return QStringLiteral("sudo install -D -o 10001 -g 10001 -m 0600 %1 /etc/forgelink/agent.yaml\n"
                          "docker run -d --name forgelink-agent -p 127.0.0.1:8080:8080 \\\n"
                          "  -v /etc/forgelink/agent.yaml:/etc/forgelink/agent.yaml:ro \\\n"
                          "  -v forgelink-data:/var/lib/forgelink %2\n"
                          "# a reverse proxy sends https://DOMAIN/api/events-handler/v1/events/ to 127.0.0.1:8080")
            .arg(path(folder, QStringLiteral("container/agent.yaml")), image);
}

} // namespace forgelink
