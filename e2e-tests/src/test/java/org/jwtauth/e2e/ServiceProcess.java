package org.jwtauth.e2e;

import org.jwtauth.token.FreePorts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One service started from its runnable jar, as a user would, with its output kept in a log file. */
final class ServiceProcess implements AutoCloseable {

    /**
     * How long a start may take: about 5 s on an idle 2-core machine, several times that with JVMs
     * starting side by side on a loaded one. Only an upper bound; a ready service is used at once.
     */
    static final Duration STARTUP = Duration.ofSeconds(180);

    private final String name;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, int managementPort, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.process = process;
    }

    static ServiceProcess start(String name, String jarProperty, Path workDir, List<String> args) throws IOException {
        Path jar = Path.of(System.getProperty(jarProperty, "")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the whole build (mvn verify) so the jars are packaged first");
        }
        // The service's own JVM options, as run.sh and the Dockerfile start it: <module>/jvm.options.
        Path options = jar.getParent().getParent().resolve("jvm.options");
        if (!Files.isRegularFile(options)) {
            throw new IllegalStateException(options + " is missing: every service ships its JVM options next to its pom");
        }
        int port = FreePorts.next();
        int managementPort = FreePorts.next();
        Files.createDirectories(workDir);
        Path log = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "@" + options, "-jar", jar.toString(),
                "--server.port=" + port, "--management.server.port=" + managementPort));
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceProcess(name, port, managementPort, log, process);
    }

    /** Polls a public endpoint until the service answers, or fails with the service's own log. */
    ServiceProcess awaitReady(String path, Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "\n" + logTail());
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "\n" + logTail());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Health with details and the Prometheus scrape (loopback only). */
    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, as a container stop or systemd sends it; @return the exit code, once it has exited */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running " + timeout + " after SIGTERM\n" + logTail());
        }
        return process.exitValue();
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** A clean start for a test's data directory: whatever an earlier run left there is removed. */
    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Whether a command the scripts need (curl, jq) is on the PATH. */
    static boolean installed(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "command -v " + command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
