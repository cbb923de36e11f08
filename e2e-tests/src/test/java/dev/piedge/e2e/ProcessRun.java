package dev.piedge.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The outcome of running a command to completion, with its output merged into one text.
 */
record ProcessRun(int exitCode, String output) {

	static ProcessRun of(Path directory, Map<String, String> environment, Duration timeout, List<String> command)
			throws IOException, InterruptedException {
		Path log = Files.createTempFile("pi-edge-e2e", ".log");
		try {
			ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroy);
				process.destroy();
				process.waitFor(20, TimeUnit.SECONDS);
				return new ProcessRun(-1,
						"timed out after " + timeout + "\n" + Files.readString(log, StandardCharsets.UTF_8));
			}
			return new ProcessRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

}
