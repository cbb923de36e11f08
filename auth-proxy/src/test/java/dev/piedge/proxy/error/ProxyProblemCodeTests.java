package dev.piedge.proxy.error;

import java.util.Arrays;
import java.util.List;

import dev.piedge.problem.FrameworkProblemCode;
import dev.piedge.problem.ProblemCode;
import dev.piedge.test.ProblemCodeContractTests;

/**
 * The codes are a contract with clients: {@link ProxyProblemCode} and the README's
 * refusal table list the same ones.
 */
class ProxyProblemCodeTests extends ProblemCodeContractTests {

	@Override
	protected List<String> definedCodes() {
		return codes(ProxyProblemCode.values());
	}

	@Override
	protected List<String> sharedHandlerCodes() {
		return codes(FrameworkProblemCode.values());
	}

	@Override
	protected String readmeSection() {
		return "## How auth-proxy treats a request";
	}

	private static List<String> codes(ProblemCode[] codes) {
		return Arrays.stream(codes).map(ProblemCode::code).toList();
	}

}
