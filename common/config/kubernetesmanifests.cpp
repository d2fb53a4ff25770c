#include "config/kubernetesmanifests.h"

#include "config/agentconfigwriter.h"

#include <QFile>

#include <yaml-cpp/yaml.h>

namespace forgelink {

namespace {

const QString kBase = QStringLiteral(":/forgelink/deploy/kubernetes/");

Result<YAML::Node> loadBase(const QString &name)
{
    QFile file(kBase + name);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("the built-in manifest %1 is missing").arg(name));
    try {
        return YAML::Load(file.readAll().toStdString());
    } catch (const YAML::Exception &e) {
        return fail(QStringLiteral("the built-in manifest %1 is not valid YAML: %2").arg(name, QString::fromStdString(e.what())));
    }
}

QByteArray toYaml(const YAML::Node &node, const QString &comment)
{
    YAML::Emitter out;
    out << node;
    return "# " + comment.toUtf8() + "\n" + QByteArray(out.c_str()) + '\n';
}

std::string text(const QString &value)
{
    return value.toStdString();
}

} // namespace

Result<QList<KubernetesManifests::File>> KubernetesManifests::render(const Answers &answers, const QByteArray &agentYaml,
                                                                     const QByteArray &secretYaml)
{
    if (!answers.deploy)
        return fail(QStringLiteral("no deploy section"));
    const DeployAnswers &deploy = *answers.deploy;
    const bool sqlite = deploy.store == u"sqlite";
    const QString written = QStringLiteral("Written by forgelink-wizard for %1 from resources/deploy/kubernetes.").arg(answers.domain);
    QList<File> files;

    Result<YAML::Node> deployment = loadBase(QStringLiteral("deployment.yaml"));
    if (!deployment)
        return fail(deployment.error());
    YAML::Node spec = (*deployment)["spec"];
    YAML::Node pod = spec["template"]["spec"];
    YAML::Node container = pod["containers"][0];
    container["image"] = text(deploy.image);
    container["imagePullPolicy"] = "IfNotPresent";
    if (sqlite) {
        // One process per SQLite file: a rollout stops the old pod before the new one starts.
        spec["replicas"] = 1;
        YAML::Node strategy;
        strategy["type"] = "Recreate";
        spec["strategy"] = strategy;
        YAML::Node mount;
        mount["name"] = "data";
        mount["mountPath"] = AgentConfigWriter::kDataPath;
        container["volumeMounts"].push_back(mount);
        YAML::Node volume;
        volume["name"] = "data";
        volume["persistentVolumeClaim"]["claimName"] = "forgelink-data";
        pod["volumes"].push_back(volume);
    } else {
        spec["replicas"] = deploy.replicas.toInt();
    }
    files.append({ QStringLiteral("deployment.yaml"), toYaml(*deployment, written) });

    Result<YAML::Node> service = loadBase(QStringLiteral("service.yaml"));
    if (!service)
        return fail(service.error());
    files.append({ QStringLiteral("service.yaml"), toYaml(*service, written) });

    Result<YAML::Node> ingress = loadBase(QStringLiteral("ingress.yaml"));
    if (!ingress)
        return fail(ingress.error());
    YAML::Node ingressSpec = (*ingress)["spec"];
    ingressSpec["rules"][0]["host"] = text(answers.domain);
    if (!deploy.ingressClassName.isEmpty())
        ingressSpec["ingressClassName"] = text(deploy.ingressClassName);
    if (deploy.tlsSecretName.isEmpty()) {
        ingressSpec.remove("tls");
    } else {
        YAML::Node tls;
        tls["hosts"].push_back(text(answers.domain));
        tls["secretName"] = text(deploy.tlsSecretName);
        ingressSpec["tls"] = YAML::Node(YAML::NodeType::Sequence);
        ingressSpec["tls"].push_back(tls);
    }
    files.append({ QStringLiteral("ingress.yaml"), toYaml(*ingress, written) });

    const QString extra = sqlite ? QStringLiteral("persistentvolumeclaim.yaml") : QStringLiteral("poddisruptionbudget.yaml");
    Result<YAML::Node> storeObject = loadBase(extra);
    if (!storeObject)
        return fail(storeObject.error());
    files.append({ extra, toYaml(*storeObject, written) });

    YAML::Node kustomization;
    kustomization["apiVersion"] = "kustomize.config.k8s.io/v1beta1";
    kustomization["kind"] = "Kustomization";
    kustomization["namespace"] = text(deploy.ns);
    for (const char *resource : { "deployment.yaml", "service.yaml", "ingress.yaml" })
        kustomization["resources"].push_back(resource);
    kustomization["resources"].push_back(text(extra));
    kustomization["resources"].push_back("forgelink-secrets.yaml");
    YAML::Node config;
    config["name"] = "forgelink-agent-config";
    config["files"].push_back("agent.yaml");
    kustomization["configMapGenerator"].push_back(config);
    kustomization["generatorOptions"]["labels"]["app.kubernetes.io/name"] = "forgelink-agent";
    kustomization["generatorOptions"]["labels"]["app.kubernetes.io/part-of"] = "pipekit";
    files.prepend({ QStringLiteral("kustomization.yaml"),
                    toYaml(kustomization, QStringLiteral("forgelink-agent for %1: kubectl apply -k %2 (written by forgelink-wizard).")
                                                .arg(answers.domain, QStringLiteral("this folder"))) });
    files.append({ QStringLiteral("agent.yaml"), agentYaml });
    files.append({ QStringLiteral("forgelink-secrets.yaml"), secretYaml });
    return files;
}

Result<QList<KubernetesManifests::File>> KubernetesManifests::monitoring()
{
    QList<File> files;
    for (const QString &name : { QStringLiteral("kustomization.yaml"), QStringLiteral("servicemonitor.yaml"), QStringLiteral("prometheusrule.yaml"),
                                 QStringLiteral("grafana-dashboard.json") }) {
        QFile file(kBase + QStringLiteral("monitoring/") + name);
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("the built-in manifest monitoring/%1 is missing").arg(name));
        files.append({ QStringLiteral("monitoring/") + name, file.readAll() });
    }
    return files;
}

} // namespace forgelink
