#pragma once

#include <QString>

namespace forgelink {

// How to run forgelink-agent with the files the wizard wrote to a folder, for each way it is
// deployed: commands to copy, the same in the wizard's last page and the batch mode's output.
class AgentRunInstructions {
public:
    // Applies kubernetes/forgelink-secrets.yaml and the base with kubernetes/agent.yaml.
    static QString kubernetes(const QString &folder);
    // Installs the agent and its systemd unit, agent.yaml as /etc/forgelink/agent.yaml.
    static QString systemd(const QString &folder);
    // The container image with agent.yaml mounted and a volume for its database.
    static QString container(const QString &folder);

    // With a `deploy` section: the kustomization the wizard wrote, then its monitoring.
    static QString kustomization(const QString &folder);
    // vm/agent.yaml under systemd, and vm/nginx-forgelink.conf in Pipekit's nginx server block.
    static QString vm(const QString &folder);
    // container/agent.yaml in the answers' image.
    static QString containerFor(const QString &folder, const QString &image);

private:
    // The installed unit running with `config` as /etc/forgelink/agent.yaml.
    static QString systemdUnit(const QString &config);
};

} // namespace forgelink
