package dev.piedge.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy's JVM settings (auth-proxy/jvm.options, issue 16's memory target) are one
 * file that this JVM accepts, and both ways of running the proxy here use it.
 */
class ProxyJvmOptionsTests {

	private static final Path OPTIONS = RepositoryRoot.path().resolve("auth-proxy/jvm.options");

	@Test
	void theJvmAcceptsTheFileAndAppliesItsHeapAndCollector() throws IOException, InterruptedException {
		Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"@" + OPTIONS, "-XX:+PrintFlagsFinal", "-version")
			.redirectErrorStream(true)
			.start();
		String flags = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();

		assertThat(java.exitValue()).as(flags).isZero();
		assertThat(flags).containsPattern("MaxHeapSize\\s+= 134217728 ")
			.containsPattern("bool UseSerialGC\\s+= true ")
			.containsPattern("bool TieredCompilation\\s+= false ")
			.containsPattern("ThreadStackSize\\s+= 256 ")
			.containsPattern("TrimNativeHeapInterval\\s+= 5000 ");
	}

	@Test
	void theDemoAndTheImageStartTheProxyWithIt() throws IOException {
		assertThat(Files.readString(RepositoryRoot.path().resolve("bin/demo"))).contains("@$app/jvm.options");
		assertThat(Files.readString(RepositoryRoot.path().resolve("Dockerfile")))
			.contains("cat \"$MODULE/jvm.options\"")
			.contains("\"@/app/jvm.options\"");
	}

}
