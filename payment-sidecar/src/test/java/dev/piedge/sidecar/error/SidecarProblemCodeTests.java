package dev.piedge.sidecar.error;

import java.util.Arrays;
import java.util.List;

import dev.piedge.problem.FrameworkProblemCode;
import dev.piedge.problem.ProblemCode;
import dev.piedge.test.ProblemCodeContractTests;

/**
 * The codes are a contract with clients: {@link SidecarProblemCode} and the README's
 * error table list the same ones.
 */
class SidecarProblemCodeTests extends ProblemCodeContractTests {

	@Override
	protected List<String> definedCodes() {
		return codes(SidecarProblemCode.values());
	}

	@Override
	protected List<String> sharedHandlerCodes() {
		return codes(FrameworkProblemCode.values());
	}

	@Override
	protected String readmeSection() {
		return "### The handshake (payment-sidecar)";
	}

	private static List<String> codes(ProblemCode[] codes) {
		return Arrays.stream(codes).map(ProblemCode::code).toList();
	}

}
