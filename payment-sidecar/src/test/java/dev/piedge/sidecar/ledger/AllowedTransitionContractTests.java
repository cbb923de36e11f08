package dev.piedge.sidecar.ledger;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The moves the code allows ({@link AllowedTransition}) and those the database's trigger
 * allows ({@code payment_transition}) are the same rows: a move added to one and not the
 * other would be refused at run time.
 */
class AllowedTransitionContractTests extends LedgerIntegrationTestSupport {

	@Test
	void theDatabaseAllowsExactlyTheMovesTheCodeAllows() {
		List<String> database = this.db
			.sql("SELECT direction || ':' || COALESCE(from_status, '') || '>' || to_status FROM payment_transition")
			.map(row -> row.get(0, String.class))
			.all()
			.collectList()
			.block(WAIT);

		assertThat(database).containsExactlyInAnyOrderElementsOf(Arrays.stream(AllowedTransition.values())
			.map(move -> move.direction().column() + ":" + ((move.from() != null) ? move.from().name() : "") + ">"
					+ move.to().name())
			.toList());
	}

	@Test
	void everyDirectionWithMovesHasOneFirstStatus() {
		for (PaymentDirection direction : PaymentDirection.values()) {
			long firsts = Arrays.stream(AllowedTransition.values())
				.filter(move -> move.direction() == direction && move.from() == null)
				.count();
			boolean hasMoves = Arrays.stream(AllowedTransition.values())
				.anyMatch(move -> move.direction() == direction);
			assertThat(firsts).as(direction.column()).isEqualTo(hasMoves ? 1 : 0);
		}
	}

}
