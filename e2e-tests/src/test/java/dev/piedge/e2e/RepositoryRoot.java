package dev.piedge.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pi-edge checkout these tests run against: Maven starts them in the e2e-tests module
 * directory.
 */
final class RepositoryRoot {

	private RepositoryRoot() {
	}

	static Path path() {
		Path root = Path.of("").toAbsolutePath().getParent();
		if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
			throw new IllegalStateException("Run these tests from the e2e-tests module of a pi-edge checkout");
		}
		return root;
	}

}
