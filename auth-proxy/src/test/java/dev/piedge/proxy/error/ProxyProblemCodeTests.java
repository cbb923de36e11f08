package dev.piedge.proxy.error;

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
 * The codes are a contract with clients: the enum and the README's refusal table list the
 * same ones.
 */
class ProxyProblemCodeTests {

	private static final Path README = Path.of("../README.md");

	private static final String SECTION = "## How auth-proxy treats a request";

	@Test
	void readmeRefusalTableListsExactlyTheEnumsCodes() {
		Set<String> documented = ReadmeCodeColumn.codes(README, SECTION);
		Set<String> defined = codes(ProxyProblemCode.values());

		SoftAssertions.assertSoftly(softly -> {
			softly.assertThat(without(defined, documented))
				.as("codes in ProxyProblemCode missing from the README's refusal table (%s)", SECTION)
				.isEmpty();
			softly.assertThat(without(documented, defined))
				.as("codes in the README's refusal table (%s) that ProxyProblemCode lacks", SECTION)
				.isEmpty();
		});
	}

	@Test
	void holdsEveryCodeOfTheSharedHandler() {
		assertThat(codes(ProxyProblemCode.values())).containsAll(codes(FrameworkProblemCode.values()));
	}

	@Test
	void givesEachConstantItsOwnCode() {
		List<String> codes = Arrays.stream(ProxyProblemCode.values()).map(ProblemCode::code).toList();

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
