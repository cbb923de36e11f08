package dev.piedge.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the problem codes a README documents: the {@code `code`} column of the Markdown
 * tables in one section, so a test can hold an application's code enum and its manual
 * together.
 */
public final class ReadmeCodeColumn {

	private static final String CODE_HEADER = "`code`";

	private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

	private static final Pattern CODE = Pattern.compile("`([a-z][a-z0-9]*(?:_[a-z0-9]+)*)`");

	private ReadmeCodeColumn() {
	}

	/**
	 * The codes in the {@code `code`} column of every table in a section.
	 * @param readme the Markdown file
	 * @param heading the section's heading line, e.g. {@code ## Errors}; the section ends
	 * at the next heading of the same or a higher level
	 * @return the codes, sorted
	 * @throws IllegalStateException if the section is missing, has no such table, or a
	 * cell of the column holds no code
	 */
	public static Set<String> codes(Path readme, String heading) {
		List<String> section = section(lines(readme), heading);
		Set<String> codes = new TreeSet<>();
		int column = -1;
		boolean found = false;
		for (String line : section) {
			if (!line.trim().startsWith("|")) {
				column = -1;
				continue;
			}
			List<String> cells = cells(line);
			if (column < 0) {
				column = cells.indexOf(CODE_HEADER);
				found |= column >= 0;
			}
			else if (!cells.get(column).matches(":?-+:?")) {
				codes.add(code(cells.get(column), line));
			}
		}
		if (!found) {
			throw new IllegalStateException("No table with a " + CODE_HEADER + " column under '" + heading + "'");
		}
		return codes;
	}

	private static List<String> lines(Path readme) {
		try {
			return Files.readAllLines(readme);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The section's lines; a {@code #} inside a fenced code block is no heading. */
	private static List<String> section(List<String> lines, String heading) {
		int start = lines.indexOf(heading);
		if (start < 0) {
			throw new IllegalStateException("No heading '" + heading + "'");
		}
		int level = level(heading);
		boolean fenced = false;
		for (int i = start + 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.startsWith("```")) {
				fenced = !fenced;
			}
			else if (!fenced && level(line) > 0 && level(line) <= level) {
				return lines.subList(start + 1, i);
			}
		}
		return lines.subList(start + 1, lines.size());
	}

	private static int level(String line) {
		int level = 0;
		while (level < line.length() && line.charAt(level) == '#') {
			level++;
		}
		return (level < line.length() && line.charAt(level) == ' ') ? level : 0;
	}

	private static List<String> cells(String row) {
		String trimmed = row.trim();
		String inner = trimmed.substring(1, trimmed.endsWith("|") ? trimmed.length() - 1 : trimmed.length());
		return CELL_SEPARATOR.splitAsStream(inner).map(String::trim).toList();
	}

	private static String code(String cell, String row) {
		Matcher matcher = CODE.matcher(cell);
		if (!matcher.matches()) {
			throw new IllegalStateException("The " + CODE_HEADER + " cell of this row is not one code: " + row);
		}
		return matcher.group(1);
	}

}
