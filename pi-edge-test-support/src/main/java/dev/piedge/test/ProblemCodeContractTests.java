package dev.piedge.test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problem codes an app answers are a contract with its clients: its code enum and the
 * README's table of codes list the same ones. Each app's test extends this and names its
 * enum's codes and its README section (the codes are passed as strings, so this module
 * needs no dependency on pi-edge-problem, whose own tests use this module).
 */
public abstract class ProblemCodeContractTests {

	private static final Path README = Path.of("../README.md");

	/** The app's enum's codes, in declaration order, duplicates kept. */
	protected abstract List<String> definedCodes();

	/** The codes of the shared problem handler, which every app answers too. */
	protected abstract List<String> sharedHandlerCodes();

	/** The README section whose {@code `code`} column lists the app's codes. */
	protected abstract String readmeSection();

	@Test
	void readmeTableListsExactlyTheEnumsCodes() {
		Set<String> documented = ReadmeCodeColumn.codes(README, readmeSection());
		Set<String> defined = new TreeSet<>(definedCodes());

		SoftAssertions.assertSoftly(softly -> {
			softly.assertThat(without(defined, documented))
				.as("codes in the enum missing from the README's table (%s)", readmeSection())
				.isEmpty();
			softly.assertThat(without(documented, defined))
				.as("codes in the README's table (%s) that the enum lacks", readmeSection())
				.isEmpty();
		});
	}

	@Test
	void holdsEveryCodeOfTheSharedHandler() {
		assertThat(definedCodes()).containsAll(sharedHandlerCodes());
	}

	@Test
	void givesEachConstantItsOwnCode() {
		assertThat(definedCodes()).doesNotHaveDuplicates().allMatch(code -> code.matches("[a-z]+(_[a-z]+)*"));
	}

	private static Set<String> without(Set<String> codes, Set<String> others) {
		Set<String> rest = new TreeSet<>(codes);
		rest.removeAll(others);
		return rest;
	}

}
