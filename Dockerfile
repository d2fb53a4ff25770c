# forgelink-agent on Debian 12. Build: docker build -t forgelink-agent .
# The build stage installs only what building the agent needs; the runtime stage holds the agent,
# its libraries (tests/agent/tst_containerimage checks that `ldd` finds each one in a package
# installed here) and CA certificates, and runs as an unprivileged user.
FROM debian:12 AS build
WORKDIR /src
COPY . .
RUN ./scripts/install-deps.sh --agent \
 && BUILD_TYPE=Release ./scripts/build.sh -DFORGELINK_BUILD_TESTS=OFF -DFORGELINK_BUILD_WIZARD=OFF

FROM debian:12-slim
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      libqt6core6 libqt6network6 libqt6sql6 libqt6sql6-sqlite libqt6sql6-psql libqt6dbus6 \
      libqt6keychain1 libyaml-cpp0.7 libssl3 libsimdjson14 libsqlite3-0 libsystemd0 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /var/lib/forgelink --create-home forgelink
COPY --from=build /src/build/agent/forgelink-agent /usr/bin/forgelink-agent
USER 10001:10001
# A relative sqlite:// path (the wizard's agent.yaml) resolves here, in the volume, as under
# systemd's StateDirectory=; the config itself is mounted read-only.
ENV STATE_DIRECTORY=/var/lib/forgelink
WORKDIR /var/lib/forgelink
VOLUME /var/lib/forgelink
EXPOSE 8080
ENTRYPOINT ["/usr/bin/forgelink-agent"]
CMD ["serve", "--config", "/etc/forgelink/agent.yaml"]
