package dev.piedge.sandbox.horizon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.stellar.sdk.xdr.Int64;
import org.stellar.sdk.xdr.OperationResult;
import org.stellar.sdk.xdr.OperationResultCode;
import org.stellar.sdk.xdr.OperationType;
import org.stellar.sdk.xdr.PaymentResult;
import org.stellar.sdk.xdr.PaymentResultCode;
import org.stellar.sdk.xdr.TransactionResult;
import org.stellar.sdk.xdr.TransactionResultCode;

/**
 * Builds the {@code result_xdr} Horizon returns with every transaction and failed
 * submission, for the result codes the emulator produces.
 */
final class TransactionResults {

	private TransactionResults() {
	}

	/** A transaction whose one payment operation succeeded. */
	static String success(long feeCharged) {
		return encode(feeCharged, TransactionResultCode.txSUCCESS, List.of("op_success"));
	}

	/**
	 * A refused or failed transaction.
	 * @param transactionCode Horizon's code, e.g. {@code tx_bad_seq} or {@code tx_failed}
	 * @param operationCodes for {@code tx_failed}: one payment result code per operation
	 */
	static String failure(long feeCharged, String transactionCode, List<String> operationCodes) {
		return encode(feeCharged, transactionCode(transactionCode), operationCodes);
	}

	private static String encode(long feeCharged, TransactionResultCode code, List<String> operationCodes) {
		TransactionResult.TransactionResultResult result = new TransactionResult.TransactionResultResult();
		result.setDiscriminant(code);
		if (code == TransactionResultCode.txSUCCESS || code == TransactionResultCode.txFAILED) {
			result
				.setResults(operationCodes.stream().map(TransactionResults::operation).toArray(OperationResult[]::new));
		}
		TransactionResult.TransactionResultExt ext = new TransactionResult.TransactionResultExt();
		ext.setDiscriminant(0);
		TransactionResult transactionResult = new TransactionResult();
		transactionResult.setFeeCharged(new Int64(feeCharged));
		transactionResult.setResult(result);
		transactionResult.setExt(ext);
		try {
			return transactionResult.toXdrBase64();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Encoding to memory does not fail", ex);
		}
	}

	private static OperationResult operation(String code) {
		OperationResult operation = new OperationResult();
		if ("op_bad_auth".equals(code)) {
			operation.setDiscriminant(OperationResultCode.opBAD_AUTH);
			return operation;
		}
		PaymentResult payment = new PaymentResult();
		payment.setDiscriminant(paymentCode(code));
		OperationResult.OperationResultTr tr = new OperationResult.OperationResultTr();
		tr.setDiscriminant(OperationType.PAYMENT);
		tr.setPaymentResult(payment);
		operation.setDiscriminant(OperationResultCode.opINNER);
		operation.setTr(tr);
		return operation;
	}

	private static PaymentResultCode paymentCode(String code) {
		return switch (code) {
			case "op_success" -> PaymentResultCode.PAYMENT_SUCCESS;
			case "op_underfunded" -> PaymentResultCode.PAYMENT_UNDERFUNDED;
			case "op_no_destination" -> PaymentResultCode.PAYMENT_NO_DESTINATION;
			default -> PaymentResultCode.PAYMENT_MALFORMED;
		};
	}

	private static TransactionResultCode transactionCode(String code) {
		return switch (code) {
			case "tx_failed" -> TransactionResultCode.txFAILED;
			case "tx_too_early" -> TransactionResultCode.txTOO_EARLY;
			case "tx_too_late" -> TransactionResultCode.txTOO_LATE;
			case "tx_bad_seq" -> TransactionResultCode.txBAD_SEQ;
			case "tx_bad_auth" -> TransactionResultCode.txBAD_AUTH;
			case "tx_bad_auth_extra" -> TransactionResultCode.txBAD_AUTH_EXTRA;
			case "tx_insufficient_balance" -> TransactionResultCode.txINSUFFICIENT_BALANCE;
			case "tx_no_source_account" -> TransactionResultCode.txNO_ACCOUNT;
			case "tx_insufficient_fee" -> TransactionResultCode.txINSUFFICIENT_FEE;
			case "tx_not_supported" -> TransactionResultCode.txNOT_SUPPORTED;
			default -> TransactionResultCode.txINTERNAL_ERROR;
		};
	}

}
