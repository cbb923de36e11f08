package dev.piedge.sidecar.error;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.piedge.problem.FrameworkProblemCode;
import dev.piedge.problem.ProblemCode;
import dev.piedge.test.ReadmeCodeColumn;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The codes are a contract with clients: the enum and the README's error table list the
 * same ones.
 */
class SidecarProblemCodeTests {

	private static final Path README = Path.of("../README.md");

	private static final String SECTION = "### The handshake (payment-sidecar)";

	@Test
	void readmeErrorTableListsExactlyTheEnumsCodes() {
		Set<String> documented = ReadmeCodeColumn.codes(README, SECTION);
		Set<String> defined = codes(SidecarProblemCode.values());

		SoftAssertions.assertSoftly(softly -> {
			softly.assertThat(without(defined, documented))
				.as("codes in SidecarProblemCode missing from the README's error table (%s)", SECTION)
				.isEmpty();
			softly.assertThat(without(documented, defined))
				.as("codes in the README's error table (%s) that SidecarProblemCode lacks", SECTION)
				.isEmpty();
		});
	}

	@Test
	void holdsEveryCodeOfTheSharedHandler() {
		assertThat(codes(SidecarProblemCode.values())).containsAll(codes(FrameworkProblemCode.values()));
	}

	@Test
	void givesEachConstantItsOwnCode() {
		List<String> codes = Arrays.stream(SidecarProblemCode.values()).map(ProblemCode::code).toList();

		assertThat(codes).doesNotHaveDuplicates().allMatch(code -> code.matches("[a-z]+(_[a-z]+)*"));
	}

	private static Set<String> codes(ProblemCode[] codes) {
		Set<String> sorted = new TreeSet<>();
		Arrays.stream(codes).map(ProblemCode::code).forEach(sorted::add);
		return sorted;
	}

	private static Set<String> without(Set<String> codes, Set<String> others) {
		Set<String> rest = new TreeSet<>(codes);
		rest.removeAll(others);
		return rest;
	}

}
